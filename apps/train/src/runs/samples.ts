import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '@weatherlearn/engine';
import { maskRuleFor, observedMask } from '@weatherlearn/evaluate';
import type { Pangu, PanguBatch } from '@weatherlearn/pangu';
import type { ChannelStats } from '@weatherlearn/superdarn';
import type { DataLoader } from '@weatherlearn/trainer';
import { channelUnit } from '@weatherlearn/viz';
import { writeSafetensors, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { denormalizeFrame } from '../evaluation/data.js';

/** Format tag in the metadata of a sample file. */
export const SAMPLE_FORMAT = 'weatherlearn-forecast-sample';

/** De-normalises a normalised frame; values within 1e-4·std of 0 become exactly 0 (empty cells stay empty). */
function physical(x: Float32Array, stats: ChannelStats): Float32Array {
  const out = denormalizeFrame(x, stats), per = x.length / stats.mean.length;
  for (let i = 0; i < out.length; i++) if (Math.abs(out[i]!) < 1e-4 * (stats.std[Math.floor(i / per)] || 1)) out[i] = 0;
  return out;
}

/**
 * Runs the trained model (inference mode: no noise, no DropPath) on the first batch of `loader`
 * (validation when the run has one) and writes up to `n` files `DIR/sample-NNN.safetensors`,
 * each with `input`, `prediction` and `truth` tensors `(C, H, W)` and the channel names and units
 * in the metadata — the layout `weatherlearn report` and `plot sample` read. With the dataset's
 * training `stats` the tensors are de-normalised to physical units and a `mask` `(H, W)` of the
 * truth's observed cells is added (see `@weatherlearn/evaluate`'s `observedMask`), so plots grey out
 * empty cells instead of drawing them as the normalised zero. Returns the paths written.
 */
export async function writePanguSamples(model: Pangu, loader: DataLoader<PanguBatch>, dir: string, n: number, channels: readonly string[], stats?: ChannelStats): Promise<string[]> {
  if (n < 1 || loader.length < 1) return [];
  const batch = await loader.batch(0, 0);
  const paths: string[] = [];
  try {
    const pred = tf.tidy(() => model.apply(batch.input).surface);
    const [x, y, p] = await Promise.all([batch.input.surface.data(), batch.target.surface.data(), pred.data()]);
    pred.dispose();
    const [B, C, H, W] = batch.input.surface.shape;
    const per = C * H * W, rule = maskRuleFor(channels);
    await mkdir(dir, { recursive: true });
    for (let b = 0; b < Math.min(n, B); b++) {
      const frame = (src: ArrayLike<number>) => {
        const f = Float32Array.from((src as Float32Array).subarray(b * per, (b + 1) * per));
        return stats ? physical(f, stats) : f;
      };
      const t = (data: Float32Array): Tensor => ({ dtype: 'float32', shape: [C, H, W], data });
      const truth = frame(y);
      const tensors: Record<string, Tensor> = { input: t(frame(x)), prediction: t(frame(p)), truth: t(truth) };
      if (stats) tensors.mask = { dtype: 'uint8', shape: [H, W], data: observedMask(truth, C, rule) };
      const path = join(dir, `sample-${String(b).padStart(3, '0')}.safetensors`);
      await writeFileAtomic(path, writeSafetensors(tensors, {
        format: SAMPLE_FORMAT, channels: channels.join(','), units: channels.map(channelUnit).join(','),
        values: stats ? 'physical units (de-normalised with the dataset statistics)' : 'normalised',
      }));
      paths.push(path);
    }
  } finally {
    tf.dispose(batch as unknown as tf.TensorContainer);
  }
  return paths;
}
