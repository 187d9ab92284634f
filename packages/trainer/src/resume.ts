import { tf, fromTf, toTf } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import { loadCheckpoint, type CheckpointData } from './checkpoint.js';
import { getOptimizerState, setOptimizerState } from './optimizer-state.js';
import type { Optimizer } from '@weatherlearn/engine/optim';
import type { NamedParameter, TrainingModule } from './types.js';

/** Copies the parameters out as float32 tensors keyed by name. */
export async function parameterTensors(params: NamedParameter[]): Promise<Record<string, Tensor>> {
  const out: Record<string, Tensor> = {};
  for (const p of params) out[p.name] = await fromTf(p.variable);
  return out;
}

/** The tensor part of a checkpoint: parameters, optimizer state and module extras. */
export async function snapshotTensors<B>(module: TrainingModule<B>, params: NamedParameter[], optimizer: Optimizer) {
  const opt = await getOptimizerState(optimizer);
  return {
    model: await parameterTensors(params),
    optimizer: opt.tensors,
    optimizerMeta: opt.meta,
    module: (await module.stateDict?.()) ?? {},
  };
}

/**
 * Loads a checkpoint folder into the module's parameters, the optimizer and the module's extra
 * state; returns the checkpoint for the trainer's own state. Errors name the folder and the key.
 */
export async function restoreCheckpoint<B>(path: string, module: TrainingModule<B>, params: NamedParameter[], optimizer: Optimizer): Promise<CheckpointData> {
  const data = loadCheckpoint(path);
  const names = params.map((p) => p.name);
  const missing = names.filter((n) => !(n in data.model));
  const extra = Object.keys(data.model).filter((n) => !names.includes(n));
  if (missing.length || extra.length) {
    throw new Error(`checkpoint ${path} does not match the model: missing ${missing.slice(0, 5).join(', ') || 'none'}${missing.length > 5 ? ' …' : ''}; unexpected ${extra.slice(0, 5).join(', ') || 'none'}${extra.length > 5 ? ' …' : ''}`);
  }
  for (const p of params) {
    const t = data.model[p.name]!;
    if (t.shape.join(',') !== p.variable.shape.join(',')) {
      throw new Error(`checkpoint ${path}: parameter ${p.name} has shape [${t.shape}] but the model expects [${p.variable.shape}]`);
    }
    tf.tidy(() => p.variable.assign(toTf(t)));
  }
  setOptimizerState(optimizer, { tensors: data.optimizer, meta: data.meta.optimizer }, `checkpoint ${path} optimizer state`);
  if (module.loadStateDict) await module.loadStateDict(data.module);
  else if (Object.keys(data.module).length) throw new Error(`checkpoint ${path} holds module state but the module has no loadStateDict()`);
  module.loadExtraState?.(data.meta.moduleExtra);
  return data;
}
