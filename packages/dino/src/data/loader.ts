import { tf } from '@weatherlearn/engine';
import { streamFor, type Rng } from '@weatherlearn/engine/rng';
import type { FloatImage } from './image-ops.js';
import type { TensorFileDataset } from './tensor-dataset.js';
import type { DINOBatch } from '../dino/training-module.js';

/** Anything that turns one image into its multi-crop views. */
export interface MultiCropTransform {
  apply(img: FloatImage, rng: Rng): FloatImage[];
}

/** Stacks the `i`-th view of every sample into one `[B, C, h, w]` tensor per crop. */
export function collateCrops(samples: FloatImage[][]): tf.Tensor4D[] {
  if (samples.length === 0) throw new Error('collateCrops: empty batch');
  const ncrops = samples[0]!.length;
  const out: tf.Tensor4D[] = [];
  for (let k = 0; k < ncrops; k++) {
    const first = samples[0]![k]!;
    const per = first.data.length;
    const buf = new Float32Array(per * samples.length);
    samples.forEach((s, b) => buf.set(s[k]!.data, b * per));
    out.push(tf.tensor4d(buf, [samples.length, first.channels, first.height, first.width]));
  }
  return out;
}

/**
 * Yields DINO multi-crop batches for one epoch: files in the epoch's shuffled order, each
 * augmented with `transform`. `dropLast` (DINO's training loader) skips an incomplete last batch.
 * Image loading can be swapped (`load`) for datasets that are not single-tensor files.
 */
export function* dinoBatches(
  ds: TensorFileDataset,
  transform: MultiCropTransform,
  options: { batchSize: number; epoch: number; seed?: number; dropLast?: boolean; load?: (i: number) => FloatImage },
): Generator<DINOBatch> {
  const { batchSize, epoch, seed = 0, dropLast = true } = options;
  const order = ds.epochOrder(epoch, seed);
  const rng = streamFor(seed, 'dino-augment', epoch);
  const load = options.load ?? ((i: number) => ds.get(i));
  for (let start = 0; start < order.length; start += batchSize) {
    const idx = order.slice(start, start + batchSize);
    if (dropLast && idx.length < batchSize) break;
    yield { crops: collateCrops(idx.map((i) => transform.apply(load(i), rng))) };
  }
}
