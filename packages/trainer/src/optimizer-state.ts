import { tf, fromTf, toTf } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import type { TrainerOptimizer } from './types.js';

/** An optimizer's complete state as plain tensors plus the order `setWeights` expects. */
export interface OptimizerState {
  /** `weights/<i>` (from `getWeights`, in order) and `scalars/<field>` (e.g. Adam's `accBeta1`). */
  tensors: Record<string, Tensor>;
  /** Names of the `getWeights` entries, in order. */
  weightNames: string[];
  /** Fields holding scalar variables that `setWeights` recomputes (restored verbatim for bit-exact resume). */
  scalarFields: string[];
}

function scalarVariableFields(opt: TrainerOptimizer): string[] {
  return Object.keys(opt).filter((k) => (opt as unknown as Record<string, unknown>)[k] instanceof tf.Variable).sort();
}

/**
 * Reads an optimizer's moments and counters: everything `getWeights()` returns, plus scalar
 * variable fields such as Adam's `accBeta1/accBeta2` — tfjs' `setWeights` recomputes those with
 * `pow`, which can differ in the last bit from the running product, so we restore them verbatim.
 */
export async function getOptimizerState(opt: TrainerOptimizer): Promise<OptimizerState> {
  const tensors: Record<string, Tensor> = {};
  const weights = await opt.getWeights();
  const weightNames: string[] = [];
  for (const [i, w] of weights.entries()) {
    tensors[`weights/${i}`] = await fromTf(w.tensor);
    weightNames.push(w.name);
  }
  // saveIterations() makes a fresh scalar that nobody else owns.
  if (weights[0]?.name === 'iter') weights[0].tensor.dispose();
  const scalarFields = scalarVariableFields(opt);
  for (const f of scalarFields) tensors[`scalars/${f}`] = await fromTf((opt as unknown as Record<string, tf.Variable>)[f]!);
  return { tensors, weightNames, scalarFields };
}

/** Restores {@link getOptimizerState}'s output into a freshly configured optimizer of the same kind. */
export async function setOptimizerState(opt: TrainerOptimizer, state: OptimizerState, where = 'optimizer state'): Promise<void> {
  const named = state.weightNames.map((name, i) => {
    const t = state.tensors[`weights/${i}`];
    if (!t) throw new Error(`${where}: missing tensor weights/${i} (${name})`);
    return { name, tensor: toTf(t) };
  });
  try {
    await opt.setWeights(named);
  } catch (e) {
    throw new Error(`${where}: the optimizer rejected the saved state (${(e as Error).message}); was the run started with another optimizer?`);
  } finally {
    tf.dispose(named.map((n) => n.tensor));
  }
  const fields = scalarVariableFields(opt);
  for (const f of state.scalarFields) {
    const t = state.tensors[`scalars/${f}`];
    if (!t || !fields.includes(f)) throw new Error(`${where}: optimizer field ${f} saved but not present now (another optimizer class?)`);
    const v = (opt as unknown as Record<string, tf.Variable>)[f]!;
    tf.tidy(() => v.assign(toTf(t)));
  }
}
