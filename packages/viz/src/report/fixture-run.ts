// Test helper: a run folder written the way a training run writes it (jsonl logger, a checkpoint,
// a sample prediction file). Not exported from the package.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@weatherlearn/loggers';
import { tensor, writeTensorFile } from '@weatherlearn/tensor-io';

/** Writes a small but complete run folder into `dir`. */
export async function writeFixtureRun(dir: string): Promise<void> {
  const log = await createLogger('jsonl', { runDir: dir, name: 'pangu-lite-test' });
  log.logHyperparams({ model: 'pangu_lite', lr: 5e-4, batch_size: 2, data: { grid: 16 } });
  for (let step = 0; step <= 200; step += 10) {
    log.logMetrics({ loss: 2 * Math.exp(-step / 60) + 0.05, ...(step % 50 === 0 ? { 'val/rmse': 1 / (1 + step / 50) } : {}) }, step);
  }
  log.logSummary({ best_val_rmse: 0.2 });
  await log.finalize('success');
  mkdirSync(join(dir, 'checkpoints'), { recursive: true });
  writeFileSync(join(dir, 'checkpoints', 'epoch-0001.safetensors'), new Uint8Array(1234));
  const H = 16, W = 16;
  const truth = Float32Array.from({ length: 2 * H * W }, (_, i) => Math.sin(i / 7));
  const pred = truth.map((v, i) => v + 0.2 * Math.cos(i / 3));
  await writeTensorFile(join(dir, 'samples', 'step-200.safetensors'), { prediction: tensor('float32', [2, H, W], pred), truth: tensor('float32', [2, H, W], truth) });
}
