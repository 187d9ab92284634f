import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSafetensorsWithMetadata } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { plotForecast, svgToPng } from '@weatherlearn/viz';
import type { Metrics } from '@weatherlearn/trainer';
import type { RunParts } from './types.js';

/**
 * The trainer's `afterValidation` hook of `samplesEveryNValidations` N: after every N-th validation
 * (with the weights validation used, the EMA's with `trainer.ema`) writes `n` prediction/truth
 * samples to `RUN_DIR/samples/step-NNNNNN/` and a truth / prediction / difference PNG beside each
 * (unobserved cells grey), so a run's forecasts can be watched while it trains.
 */
export function forecastImagesHook(run: RunParts<unknown>, runDir: string, every: number, n: number, log: (line: string) => void): ((step: number, m: Metrics) => Promise<void>) | undefined {
  if (!(every > 0) || !run.writeSamples) return undefined;
  let validations = 0;
  return async (step) => {
    if (++validations % every !== 0) return;
    const dir = join(runDir, 'samples', `step-${String(step).padStart(6, '0')}`);
    const files = await run.writeSamples!(dir, Math.max(1, n));
    for (const f of files) {
      const { tensors, metadata } = readSafetensorsWithMetadata(await readFile(f), f);
      const svg = plotForecast(tensors.prediction!, tensors.truth!, {
        names: (metadata?.channels ?? '').split(',').filter(Boolean), title: `step ${step}: ${f.split('/').pop()}`,
        ...(tensors.mask ? { mask: tensors.mask.data as Uint8Array } : {}),
      });
      await writeFileAtomic(f.replace(/\.safetensors$/, '.png'), await svgToPng(svg));
    }
    log(`wrote ${files.length} forecast image(s) to ${dir}`);
  };
}
