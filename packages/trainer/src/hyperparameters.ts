import type { Optimizer, ParamGroup } from '@weatherlearn/engine/optim';

function scheduled(g: ParamGroup, i: number, key: 'lrSchedule' | 'weightDecaySchedule', step: number): number {
  const v = g[key]!(step);
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new RangeError(`optimizer group ${i}${g.name ? ` ("${g.name}")` : ''}: ${key}(${step}) returned ${String(v)}; it must be a finite number ≥ 0`);
  }
  return v;
}

/**
 * Sets every parameter group's `lr`/`weightDecay` from its `lrSchedule`/`weightDecaySchedule` at
 * optimizer step `step` (groups without a schedule keep their value) and returns group 0's values
 * for logging as `lr` and `wd`.
 * @throws RangeError naming the group when a schedule returns a negative or non-finite value
 */
export function applyHyperparameters(optimizer: Optimizer, step: number): { lr: number; wd: number } {
  optimizer.paramGroups.forEach((g, i) => {
    if (g.lrSchedule) g.lr = scheduled(g, i, 'lrSchedule', step);
    if (g.weightDecaySchedule) g.weightDecay = scheduled(g, i, 'weightDecaySchedule', step);
  });
  const g0 = optimizer.paramGroups[0]!;
  return { lr: g0.lr, wd: g0.weightDecay };
}
