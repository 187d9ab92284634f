import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from '@weatherlearn/engine';
import { DatasetFromPresaved } from '@weatherlearn/superdarn';
import type { PanguBatch } from '@weatherlearn/pangu';
import { indexBatchLoader, type DataLoader } from '@weatherlearn/trainer';
import type { TrainConfig } from './train-config.js';

/** Training and validation loaders over a saved SuperDARN dataset folder, and what it holds. */
export interface SuperdarnData {
  train: DataLoader<PanguBatch>;
  val?: DataLoader<PanguBatch>;
  /** Frame shape `[C, H, W]`. */
  shape: [number, number, number];
  /** Samples per split. */
  counts: { train: number; val: number; test: number };
  /** Channel names from the dataset's grid config. */
  channels: string[];
  dataset: DatasetFromPresaved;
}

/**
 * A loader over the samples of one split: sample `k` of the loader is
 * `dataset.splits[split][k]`, normalised per `data.normalisation`; batch `i` of an
 * epoch is a pure function of `(i, epoch)` (seeded shuffle), so resumed runs see the same data.
 */
function splitLoader(ds: DatasetFromPresaved, ids: number[], cfg: TrainConfig, shuffle: boolean): DataLoader<PanguBatch> {
  const [C, H, W] = ds.sampleShape as [number, number, number];
  return indexBatchLoader(ids.length, async (idx) => {
    const samples = await Promise.all(idx.map((k) => ds.get(ids[k]!)));
    if (cfg.data.normalisation === 'frobenius') for (const smp of samples) { frobeniusInPlace(smp.x); frobeniusInPlace(smp.y); }
    const per = C * H * W, xs = new Float32Array(per * idx.length), ys = new Float32Array(per * idx.length);
    samples.forEach((s, b) => { xs.set(s.x, b * per); ys.set(s.y, b * per); });
    // Several input frames (`pangu.inputFrames` k): the k − 1 earlier windows go in as extra input channels (oldest first).
    const k = cfg.pangu.inputFrames;
    let surfaceMask: tf.Tensor4D | null = null;
    if (k > 1) {
      const hs = new Float32Array(per * (k - 1) * idx.length);
      for (const [b, j] of idx.entries()) {
        const h = await ds.history(ids[j]!, k);
        h.forEach((f, m) => hs.set(cfg.data.normalisation === 'frobenius' ? frobeniusInPlace(f) : f, (b * (k - 1) + m) * per));
      }
      surfaceMask = tf.tensor4d(hs, [idx.length, C * (k - 1), H, W]);
    }
    // Conditioning scalars (polar CONVMAP datasets, normalised with training statistics) only for a FiLM model.
    const S = cfg.pangu.film ? samples[0]?.cond?.length ?? 0 : 0;
    const cond = S ? tf.tensor2d(Float32Array.from(samples.flatMap((s) => Array.from(s.cond!))), [idx.length, S]) : null;
    return { input: { surface: tf.tensor4d(xs, [idx.length, C, H, W]), ...(cond ? { cond } : {}), ...(surfaceMask ? { surfaceMask } : {}) }, target: { surface: tf.tensor4d(ys, [idx.length, C, H, W]) } };
  }, { batchSize: cfg.data.batchSize, seed: cfg.seed, shuffle, dropLast: false });
}

/** Divides a frame by its own Frobenius norm (the SuperDARN seed's `DatasetFromPresaved`); an all-zero frame stays zero. */
export function frobeniusInPlace(a: Float32Array): Float32Array {
  let ss = 0;
  for (let i = 0; i < a.length; i++) ss += a[i]! * a[i]!;
  const n = Math.sqrt(ss);
  if (n > 0) for (let i = 0; i < a.length; i++) a[i] = a[i]! / n;
  return a;
}

/**
 * Opens `data.dir` (a folder written by `weatherlearn superdarn grid|presave`) for Pangu: the
 * `train` split feeds training (shuffled when `data.shuffle`), the `val` split validation (in time
 * order; none when the split is empty). Errors name the folder and what is wrong with it.
 */
export async function openSuperdarnData(cfg: TrainConfig): Promise<SuperdarnData> {
  const dir = cfg.data.dir;
  if (!dir) throw new Error('data.source "superdarn" needs data.dir: a dataset folder written by `weatherlearn superdarn grid` (index.json + shard-*.safetensors)');
  if (!existsSync(join(dir, 'index.json'))) throw new Error(`data.dir ${dir}: no index.json — write the folder with \`weatherlearn superdarn grid --input FILES --out ${dir}\``);
  // `frobenius` (the seed): raw frames, each divided by its own norm; `dataset`: the saved training statistics.
  const ds = await DatasetFromPresaved.open(dir, { normalize: cfg.data.normalisation !== 'frobenius' });
  if (ds.sampleShape.length !== 3) {
    await ds.close();
    throw new Error(`data.dir ${dir}: frames have shape [${ds.sampleShape.join(', ')}]; Pangu needs gridded [C, H, W] frames (grid with --method grid, not flat)`);
  }
  const counts = { train: ds.splits.train.length, val: ds.splits.val.length, test: ds.splits.test.length };
  if (counts.train === 0) {
    await ds.close();
    throw new Error(`data.dir ${dir}: the train split is empty (${counts.val} val / ${counts.test} test samples); grid more data or change --split/--split-block-minutes`);
  }
  return {
    train: splitLoader(ds, ds.splits.train, cfg, cfg.data.shuffle),
    ...(counts.val > 0 ? { val: splitLoader(ds, ds.splits.val, cfg, false) } : {}),
    shape: ds.sampleShape as [number, number, number], counts, channels: [...ds.index.config.channels], dataset: ds,
  };
}
