import type { Tensor } from '@weatherlearn/tensor-io';
import { shuffled } from '../shuffle.js';

/** One training pair: input window x, target window y (T windows later), input window start. */
export interface Sample {
  x: Float32Array;
  y: Float32Array;
  /** Input window start (epoch ms). */
  time: number;
  /** Conditioning scalars of the input frame ('polar' datasets), normalised like the frames. */
  cond?: Float32Array;
}

/** Anything that yields samples by index. */
export interface SampleSource {
  /** Shape of one x (and y): [C, H, W] or [C, L]. */
  readonly sampleShape: number[];
  get(index: number): Promise<Sample>;
}

/** A batch: x and y of shape (B, …sampleShape), float32, plus times and sample indices. */
export interface Batch {
  x: Tensor<'float32'>;
  y: Tensor<'float32'>;
  times: number[];
  indices: number[];
  /** (B, S) conditioning scalars when the samples carry them. */
  cond?: Tensor<'float32'>;
}

/** Batching options. */
export interface LoaderOptions {
  batchSize: number;
  /** Shuffle (deterministically from seed and epoch). */
  shuffle: boolean;
  seed: number;
  epoch: number;
  /** Batches prepared ahead while the consumer works (0 = none). */
  prefetch: number;
  /** Drop the last incomplete batch. */
  dropLast: boolean;
}

/** Batch 8, no shuffle, prefetch 2. */
export const DEFAULT_LOADER_OPTIONS: LoaderOptions = { batchSize: 8, shuffle: false, seed: 0, epoch: 0, prefetch: 2, dropLast: false };

async function makeBatch(source: SampleSource, idx: number[]): Promise<Batch> {
  const samples = await Promise.all(idx.map((i) => source.get(i)));
  const per = source.sampleShape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(per * idx.length);
  const y = new Float32Array(per * idx.length);
  samples.forEach((s, b) => { x.set(s.x, b * per); y.set(s.y, b * per); });
  const shape = [idx.length, ...source.sampleShape];
  const S = samples[0]?.cond?.length ?? 0;
  const cond = S ? new Float32Array(S * idx.length) : undefined;
  if (cond) samples.forEach((s, b) => cond.set(s.cond!, b * S));
  return {
    x: { dtype: 'float32', shape, data: x }, y: { dtype: 'float32', shape: [...shape], data: y }, times: samples.map((s) => s.time), indices: idx,
    ...(cond ? { cond: { dtype: 'float32' as const, shape: [idx.length, S], data: cond } } : {}),
  };
}

/**
 * Iterates batches over `indices` of `source`: deterministic shuffling per (seed, epoch), batch
 * assembly, and `prefetch` batches loaded ahead (their reads overlap the consumer's work).
 */
export async function* iterateBatches(source: SampleSource, indices: readonly number[], options: Partial<LoaderOptions> = {}): AsyncGenerator<Batch> {
  const o = { ...DEFAULT_LOADER_OPTIONS, ...options };
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${o.batchSize}`);
  if (!Number.isInteger(o.prefetch) || o.prefetch < 0) throw new Error(`prefetch must be an integer ≥ 0, got ${o.prefetch}`);
  const order = o.shuffle ? shuffled(indices, o.seed, o.epoch) : indices.slice();
  const groups: number[][] = [];
  for (let i = 0; i < order.length; i += o.batchSize) {
    const g = order.slice(i, i + o.batchSize);
    if (g.length < o.batchSize && o.dropLast) break;
    groups.push(g);
  }
  const queue: Promise<Batch>[] = [];
  let next = 0;
  const fill = () => {
    while (next < groups.length && queue.length <= o.prefetch) {
      const p = makeBatch(source, groups[next++]);
      p.catch(() => undefined); // a failing prefetched batch is reported when consumed, not as unhandled
      queue.push(p);
    }
  };
  fill();
  while (queue.length) {
    const p = queue.shift()!;
    fill();
    yield await p;
  }
}
