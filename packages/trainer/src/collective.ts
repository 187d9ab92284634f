import { tf } from '@weatherlearn/engine';
import type { DataLoader, NamedParameter } from './types.js';

/**
 * The collective operations data-parallel training needs, on float32 buffers in place. Every rank
 * must call them in the same order. `@weatherlearn/distributed`'s `ProcessGroup` (torch c10d, Gloo)
 * implements it; the app injects one into the {@link Trainer} (the trainer never imports it).
 */
export interface Collective {
  /** This process' rank in [0, worldSize); rank 0 logs and writes checkpoints. */
  readonly rank: number;
  /** Number of processes training together. */
  readonly worldSize: number;
  /** Replaces every buffer with its element-wise mean over all ranks. */
  allReduceMean(buffers: Float32Array[]): Promise<void>;
  /** Replaces every buffer with rank `root`'s copy. */
  broadcast(buffers: Float32Array[], root: number): Promise<void>;
  /** Resolves once every rank has reached it. */
  barrier(): Promise<void>;
}

/**
 * The distributed sampler: rank `r` of `w` trains on batches `r, r + w, r + 2w, …` of each epoch's
 * (seeded, identically shuffled) batch order, so the ranks' shards never overlap and their union
 * is the epoch. `dropTail` (training) keeps `floor(length / w)` batches per rank so every rank
 * runs the same number of steps; without it (validation) rank r gets `ceil((length − r) / w)`.
 */
export function shardLoader<B>(loader: DataLoader<B>, rank: number, worldSize: number, dropTail = true): DataLoader<B> {
  if (!Number.isInteger(worldSize) || worldSize < 1) throw new RangeError(`worldSize must be an integer ≥ 1, got ${worldSize}`);
  if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize) throw new RangeError(`rank must be in [0, ${worldSize}), got ${rank}`);
  if (worldSize === 1) return loader;
  const length = dropTail ? Math.floor(loader.length / worldSize) : Math.max(0, Math.ceil((loader.length - rank) / worldSize));
  if (dropTail && length < 1) throw new Error(`the training loader has ${loader.length} batch(es), fewer than the ${worldSize} ranks: use a smaller batch size or fewer processes`);
  return {
    length,
    batch(i, epoch) {
      if (!Number.isInteger(i) || i < 0 || i >= length) throw new RangeError(`rank ${rank}: shard batch index ${i} out of range [0, ${length})`);
      return loader.batch(i * worldSize + rank, epoch);
    },
  };
}

/** Overwrites every parameter with rank 0's value (identical initial weights on all ranks). */
export async function broadcastParameters(params: NamedParameter[], c: Collective): Promise<void> {
  const bufs = await Promise.all(params.map(async (p) => new Float32Array(await p.variable.data() as Float32Array)));
  await c.broadcast(bufs, 0);
  params.forEach((p, i) => tf.tidy(() => p.variable.assign(tf.tensor(bufs[i]!, p.variable.shape, 'float32'))));
}

/** What the ranks agreed on in one step: averaged loss/metrics and the union of stop/checkpoint requests. */
export interface ReducedStep {
  grads: Record<string, tf.Tensor>;
  loss: number;
  metrics: Record<string, number>;
  stop: boolean;
  checkpoint: boolean;
}

/**
 * Averages gradients (by parameter order), loss and metrics over ranks and ORs the stop/checkpoint
 * requests (so a signal that reached one rank stops all of them at the same step). Disposes the
 * input gradients. A parameter without a gradient must lack it on every rank.
 */
export async function allReduceStep(
  grads: Record<string, tf.Tensor>, params: NamedParameter[], loss: number, metrics: Record<string, number>,
  flags: { stop: boolean; checkpoint: boolean }, c: Collective,
): Promise<ReducedStep> {
  const names = params.map((p) => p.name).filter((n) => grads[n]);
  const bufs = await Promise.all(names.map(async (n) => new Float32Array(await grads[n]!.data() as Float32Array)));
  const keys = Object.keys(metrics).sort();
  const scalars = new Float32Array([loss, ...keys.map((k) => metrics[k]!), flags.stop ? 1 : 0, flags.checkpoint ? 1 : 0, names.length]);
  // The scalars go first: a mismatch in gradient count is caught before the larger buffers disagree.
  await c.allReduceMean([scalars]);
  if (Math.abs(scalars[scalars.length - 1]! - names.length) > 1e-3) {
    throw new Error(`rank ${c.rank}: ${names.length} parameters have gradients here but the ranks disagree (mean ${scalars[scalars.length - 1]}); every rank must train the same parameters`);
  }
  await c.allReduceMean(bufs);
  const out: Record<string, tf.Tensor> = {};
  names.forEach((n, i) => { out[n] = tf.tensor(bufs[i]!, grads[n]!.shape, 'float32'); });
  tf.dispose(Object.values(grads));
  const m: Record<string, number> = {};
  keys.forEach((k, i) => { m[k] = scalars[1 + i]!; });
  return { grads: out, loss: scalars[0]!, metrics: m, stop: scalars[1 + keys.length]! > 0, checkpoint: scalars[2 + keys.length]! > 0 };
}

/** Batch position after resuming a checkpoint written with `savedWorld` ranks on `world` ranks (same global sample position, rounded up). */
export function rescaleBatchIndex(batchIndex: number, savedWorld: number, world: number, nBatches: number): number {
  if (savedWorld === world) return batchIndex;
  return Math.min(nBatches, Math.ceil((batchIndex * savedWorld) / world));
}
