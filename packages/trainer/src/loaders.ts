import { epochOrder } from '@weatherlearn/engine/rng';
import type { DataLoader } from './types.js';

/** Options of {@link indexBatchLoader}. */
export interface IndexBatchLoaderOptions {
  batchSize: number;
  /** Reshuffle every epoch (seeded); false keeps the file order. */
  shuffle: boolean;
  seed: number;
  /** Drop the last, incomplete batch. */
  dropLast: boolean;
}

/** Default: batch size 1, shuffled with seed 0, incomplete batch kept. */
export const DEFAULT_INDEX_BATCH_LOADER_OPTIONS: IndexBatchLoaderOptions = { batchSize: 1, shuffle: true, seed: 0, dropLast: false };

/**
 * A {@link DataLoader} over `n` samples: batch `i` of `epoch` is `make(indices, epoch)` with the indices of
 * that batch in the epoch's seeded order. Stateless, so resuming at `(epoch, i)` is exact.
 */
export function indexBatchLoader<B>(n: number, make: (indices: number[], epoch: number) => B | Promise<B>, options: Partial<IndexBatchLoaderOptions> = {}): DataLoader<B> {
  const o = { ...DEFAULT_INDEX_BATCH_LOADER_OPTIONS, ...options };
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`indexBatchLoader: sample count must be an integer ≥ 0, got ${n}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new RangeError(`indexBatchLoader: batchSize must be an integer ≥ 1, got ${o.batchSize}`);
  const length = o.dropLast ? Math.floor(n / o.batchSize) : Math.ceil(n / o.batchSize);
  let cached: { epoch: number; order: Uint32Array } | null = null;
  return {
    length,
    batch(i, epoch) {
      if (!Number.isInteger(i) || i < 0 || i >= length) throw new RangeError(`batch index ${i} out of range [0, ${length})`);
      if (!o.shuffle) return make(Array.from({ length: Math.min(o.batchSize, n - i * o.batchSize) }, (_, k) => i * o.batchSize + k), epoch);
      if (cached?.epoch !== epoch) cached = { epoch, order: epochOrder(n, o.seed, epoch) };
      return make(Array.from(cached.order.subarray(i * o.batchSize, Math.min(n, (i + 1) * o.batchSize))), epoch);
    },
  };
}
