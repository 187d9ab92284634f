import type { OptimizerConfig } from './types.js';

/**
 * Sets the scheduled learning rate / weight decay of step `step` on the optimizer and returns them
 * (for logging). Learning rate: `setLearningRate(lr)` when the optimizer has it (engine `AdamW`),
 * else its `learningRate` field (every tfjs optimizer reads it on each update). Weight decay: the
 * optimizer's `weightDecay` field; an optimizer without one with a `wdSchedule` is an error.
 */
export function applyHyperparameters(cfg: OptimizerConfig, step: number): { lr?: number; wd?: number } {
  const out: { lr?: number; wd?: number } = {};
  const o = cfg.optimizer as unknown as { setLearningRate?: (lr: number) => void; learningRate?: number; weightDecay?: number };
  if (cfg.lrSchedule) {
    const lr = cfg.lrSchedule(step);
    if (!Number.isFinite(lr) || lr < 0) throw new RangeError(`lrSchedule(${step}) returned ${lr}; the learning rate must be a finite number ≥ 0`);
    if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
    else if (typeof o.learningRate === 'number') o.learningRate = lr;
    else throw new TypeError('lrSchedule given but the optimizer has no learningRate field or setLearningRate()');
    out.lr = lr;
  } else if (typeof o.learningRate === 'number') {
    out.lr = o.learningRate;
  }
  if (cfg.wdSchedule) {
    const wd = cfg.wdSchedule(step);
    if (!Number.isFinite(wd) || wd < 0) throw new RangeError(`wdSchedule(${step}) returned ${wd}; weight decay must be a finite number ≥ 0`);
    if (typeof o.weightDecay !== 'number') throw new TypeError('wdSchedule given but the optimizer has no weightDecay (use AdamW from @weatherlearn/engine)');
    o.weightDecay = wd;
    out.wd = wd;
  }
  return out;
}
