import { Trainer } from './trainer.js';
import type { Metrics, TrainingModule } from './types.js';
import type { TrainerConfig } from './config.js';

/**
 * `n` optimizer steps of `module` on the batches `make(i)` through the {@link Trainer} — the same
 * loop as `weatherlearn train` (accumulation, clipping, the module's hooks, its optimizer), without
 * checkpoints or logging. For tests and benchmarks that need "one training step" without a fit
 * loop of their own. Returns each step's metrics (`loss`, `lr`, `wd`, `grad_norm`, the module's).
 */
export async function fitSteps<B>(
  module: TrainingModule<B>, make: (i: number) => B | Promise<B>, n: number,
  options: Partial<Pick<TrainerConfig, 'gradientClipVal' | 'gradientClipAlgorithm' | 'accumulateGradBatches' | 'seed'>> = {},
): Promise<Metrics[]> {
  const out: Metrics[] = [];
  const trainer = new Trainer({ ...options, maxEpochs: 1, maxSteps: n, checkpoint: { dir: '' } }, {
    listener: (e) => { if (e.type === 'step') out.push({ ...e.metrics }); },
  });
  const per = options.accumulateGradBatches ?? 1;
  await trainer.fit(module, { length: n * per, batch: (i) => make(i) });
  return out;
}
