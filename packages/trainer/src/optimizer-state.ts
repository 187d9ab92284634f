/**
 * An engine {@link Optimizer}'s state in a checkpoint: the moment buffers go into
 * `optimizer.safetensors` under torch's names (`state.<param>.exp_avg`, `….exp_avg_sq`), the
 * kind, groups and per-parameter step counts into `trainer.json`.
 */
import type { Optimizer, OptimizerStateDict } from '@weatherlearn/engine/optim';
import type { Tensor } from '@weatherlearn/tensor-io';

/** The JSON part of an optimizer checkpoint (`trainer.json` → `optimizer`). */
export interface OptimizerCheckpointMeta {
  /** `Adam` or `AdamW`. */
  kind: string;
  groups: OptimizerStateDict['groups'];
  /** Step count of every parameter that has state. */
  steps: Record<string, number>;
}

/** An optimizer's state split into checkpoint tensors and JSON. */
export interface OptimizerCheckpoint {
  tensors: Record<string, Tensor>;
  meta: OptimizerCheckpointMeta;
}

const key = (name: string, field: 'exp_avg' | 'exp_avg_sq'): string => `state.${name}.${field}`;

/** Reads `optimizer.stateDict()` into checkpoint tensors and JSON. */
export async function getOptimizerState(optimizer: Optimizer): Promise<OptimizerCheckpoint> {
  const sd = await optimizer.stateDict();
  const tensors: Record<string, Tensor> = {};
  const steps: Record<string, number> = {};
  for (const [name, s] of Object.entries(sd.state)) {
    tensors[key(name, 'exp_avg')] = s.expAvg;
    tensors[key(name, 'exp_avg_sq')] = s.expAvgSq;
    steps[name] = s.step;
  }
  return { tensors, meta: { kind: sd.kind, groups: sd.groups, steps } };
}

/**
 * Restores {@link getOptimizerState}'s output into a freshly configured optimizer through
 * `loadStateDict` (which checks kind, groups and shapes before changing anything).
 * @throws Error prefixed with `where`, naming the kind, group, parameter or tensor that does not match
 */
export function setOptimizerState(optimizer: Optimizer, ckpt: OptimizerCheckpoint, where = 'optimizer state'): void {
  const m = ckpt.meta as Partial<OptimizerCheckpointMeta> | undefined;
  if (!m || typeof m.kind !== 'string' || !Array.isArray(m.groups) || typeof m.steps !== 'object' || m.steps === null) {
    throw new Error(`${where}: no engine optimizer state (kind, groups, steps); was it written by an older trainer?`);
  }
  const state: OptimizerStateDict['state'] = {};
  for (const [name, step] of Object.entries(m.steps)) {
    const expAvg = ckpt.tensors[key(name, 'exp_avg')], expAvgSq = ckpt.tensors[key(name, 'exp_avg_sq')];
    if (!expAvg || !expAvgSq) throw new Error(`${where}: missing tensor ${key(name, expAvg ? 'exp_avg_sq' : 'exp_avg')}`);
    state[name] = { step, expAvg, expAvgSq };
  }
  try {
    optimizer.loadStateDict({ kind: m.kind, groups: m.groups, state });
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}
