import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '@weatherlearn/engine';
import type { Pangu, PanguBatch } from '@weatherlearn/pangu';
import type { DataLoader } from '@weatherlearn/trainer';
import { writeFileAtomic, writeSafetensors, type Tensor } from '@weatherlearn/tensor-io';

/** Format tag in the metadata of a sample file. */
export const SAMPLE_FORMAT = 'weatherlearn-forecast-sample';

/**
 * Runs the trained model (inference mode: no noise, no DropPath) on the first batch of `loader`
 * (validation when the run has one) and writes up to `n` files `DIR/sample-NNN.safetensors`,
 * each with `input`, `prediction` and `truth` tensors `(C, H, W)` in normalised units, plus the
 * channel names in the metadata — the layout `weatherlearn report` and `plot sample` read.
 * Returns the paths written.
 */
export async function writePanguSamples(model: Pangu, loader: DataLoader<PanguBatch>, dir: string, n: number, channels: readonly string[]): Promise<string[]> {
  if (n < 1 || loader.length < 1) return [];
  const batch = await loader.batch(0, 0);
  const paths: string[] = [];
  try {
    const pred = tf.tidy(() => model.apply(batch.input).surface);
    const [x, y, p] = await Promise.all([batch.input.surface.data(), batch.target.surface.data(), pred.data()]);
    pred.dispose();
    const [B, C, H, W] = batch.input.surface.shape;
    const per = C * H * W;
    await mkdir(dir, { recursive: true });
    for (let b = 0; b < Math.min(n, B); b++) {
      const t = (src: ArrayLike<number>): Tensor => ({ dtype: 'float32', shape: [C, H, W], data: Float32Array.from((src as Float32Array).subarray(b * per, (b + 1) * per)) });
      const path = join(dir, `sample-${String(b).padStart(3, '0')}.safetensors`);
      await writeFileAtomic(path, writeSafetensors({ input: t(x), prediction: t(p), truth: t(y) }, { format: SAMPLE_FORMAT, channels: channels.join(',') }));
      paths.push(path);
    }
  } finally {
    tf.dispose(batch as unknown as tf.TensorContainer);
  }
  return paths;
}
