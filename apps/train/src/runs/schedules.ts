import type { Schedule } from '@weatherlearn/engine/optim';
import { makeSchedule } from '@weatherlearn/trainer';
import { checkChoice, type TrainConfig } from './train-config.js';

/** Optimizer steps a run will make (for the length of cosine schedules). */
export function plannedSteps(cfg: TrainConfig, batchesPerEpoch: number): number {
  const t = cfg.trainer;
  const perEpoch = Math.ceil(batchesPerEpoch / t.accumulateGradBatches);
  return Math.max(1, t.maxSteps >= 0 ? Math.min(t.maxSteps, t.maxEpochs * perEpoch) : t.maxEpochs * perEpoch);
}

/** The lr and wd schedules from `optim.*` (wd is cosine from `weightDecay` to `weightDecayEnd`). */
export function schedulesFromConfig(cfg: TrainConfig, totalSteps: number): { lrSchedule: Schedule; wdSchedule: Schedule } {
  const o = cfg.optim;
  const kind = checkChoice('optim.schedule', o.schedule, ['constant', 'cosine', 'step'] as const);
  const lrSchedule = kind === 'constant' ? makeSchedule({ kind, value: o.lr }, 'optim')
    : kind === 'step' ? makeSchedule({ kind, base: o.lr, gamma: o.gamma, stepSize: o.stepSize }, 'optim')
    : makeSchedule({ kind, base: o.lr, final: o.minLr, totalSteps, warmupSteps: Math.min(o.warmupSteps, totalSteps), warmupStart: 0 }, 'optim');
  const wdSchedule = makeSchedule({ kind: 'cosine', base: o.weightDecay, final: o.weightDecayEnd, totalSteps }, 'optim.weightDecay');
  return { lrSchedule, wdSchedule };
}
