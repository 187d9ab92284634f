// Port of st7ma784/WeatherLearn/PTL/DataModule.py:save_dataset_to_disk
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeSafetensors, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import type { GridConfig } from '../grid/config.js';
import { frameMoments, StatsAccumulator, type ChannelStats, type FrameMoments } from '../normalize.js';
import type { SplitName, TimeSplitConfig } from '../split.js';
import type { SeriesDataset } from './series.js';
import { CONVMAP_SCALARS } from '../grid/polar.js';

/** Format tag of `index.json`. */
export const PRESAVED_FORMAT = 'weatherlearn-superdarn-dataset';

/** The `index.json` of a saved dataset folder. */
export interface PresavedIndex {
  format: typeof PRESAVED_FORMAT;
  version: 1;
  /** Where the frames came from (folder or s3:// URL). */
  source: string;
  config: GridConfig;
  /** Shape of one frame: [C, H, W] ('grid') or [C, L] ('flat'). */
  sampleShape: number[];
  timeStep: number;
  split: TimeSplitConfig;
  /** Training-split statistics (raw frames are stored; readers normalise with these). */
  stats: ChannelStats;
  shards: { file: string; frames: number }[];
  /** Frame k is tensor `name` in shard `shard`; `time` = window start (ISO); `scalars` ('polar') raw conditioning scalars. */
  frames: { time: string; shard: number; name: string; scalars?: number[] }[];
  /** Sample = (input frame x, target frame y) and its split. */
  samples: { x: number; y: number; split: SplitName }[];
  /** Samples dropped at split boundaries (no leakage). */
  droppedAtSplit: number;
  /**
   * 'polar' datasets: the per-frame conditioning scalars (`frames[k].scalars`, raw) and their
   * training-split statistics (readers normalise with these).
   */
  scalars?: ScalarTable;
}

/**
 * Names and training-split mean/std of per-frame conditioning scalars; `std` is already floored
 * (`GridConfig.scalarStdFloor`), `clip` (when > 0) bounds the normalised values to ±clip.
 */
export interface ScalarTable { names: string[]; mean: number[]; std: number[]; clip?: number }

/**
 * Normalises raw conditioning scalars with a dataset's {@link ScalarTable}: (v − mean) / std
 * (a std of 0 counts as 1), clipped to ±clip when the table has one; a missing value counts as 0.
 * Training, forecast and evaluate read scalars through this one function.
 */
export function normalizeScalars(raw: ArrayLike<number>, table: ScalarTable): Float32Array {
  const c = table.clip ?? 0;
  return Float32Array.from(table.names, (_, k) => {
    const v = ((raw[k] ?? 0) - table.mean[k]!) / (table.std[k]! || 1);
    return c > 0 ? Math.min(c, Math.max(-c, v)) : v;
  });
}

/**
 * Adds the conditioning scalars of every saved frame to a plan ('polar' datasets; a no-op
 * otherwise): `frames[k].scalars` and `scalars` with mean/std over the plan's statistics frames
 * (std floored at `scalarStdFloor`, `clip` = `scalarClip` of the grid config).
 */
export async function attachScalars(ds: SeriesDataset, plan: PresavePlan): Promise<void> {
  if (ds.config.method !== 'polar') return;
  const frames = plan.index.frames as (PresavedIndex['frames'][number] & { scalars?: number[] })[];
  for (let k = 0; k < frames.length; k++) frames[k]!.scalars = (await ds.frameScalars(plan.frameIds[k]!))!;
  const names = [...CONVMAP_SCALARS];
  const rows = plan.statsFrames.map((k) => frames[k]!.scalars!);
  const mean = names.map((_, c) => rows.reduce((a, r) => a + r[c]!, 0) / Math.max(1, rows.length));
  const floor = ds.config.scalarStdFloor ?? 0, clip = ds.config.scalarClip ?? 0;
  const std = names.map((_, c) => Math.max(floor, Math.sqrt(rows.reduce((a, r) => a + (r[c]! - mean[c]!) ** 2, 0) / Math.max(1, rows.length))) || 1);
  plan.index.scalars = { names, mean, std, ...(clip > 0 ? { clip } : {}) };
}

/** Options of {@link writeGridDataset}. */
export interface PresaveOptions {
  /** Frames per safetensors shard (default 16). */
  shardSize: number;
  /** Called after each frame is gridded. */
  onProgress?: (done: number, total: number) => void;
}

/** 16 frames per shard. */
export const DEFAULT_PRESAVE_OPTIONS: PresaveOptions = { shardSize: 16 };

/** Everything {@link writeGridDataset} writes, decided before any frame is gridded. */
export interface PresavePlan {
  /** `index.json` except its statistics (known only after gridding). */
  index: Omit<PresavedIndex, 'stats'>;
  /** Dataset frame id of saved frame k (`frame_k`). */
  frameIds: number[];
  /** Saved frames whose moments give the statistics, in the order they are added. */
  statsFrames: number[];
}

/**
 * Plans a dataset folder: the saved frames (every frame a sample uses, by time), their shard files
 * (`shardSize` frames each), the samples, and which frames feed the statistics. Pure and
 * deterministic, so every task of a job array computes the same plan.
 */
export function planGridDataset(ds: SeriesDataset, shardSize: number): PresavePlan {
  if (!Number.isInteger(shardSize) || shardSize < 1) throw new Error(`shardSize must be a positive integer, got ${shardSize}`);
  const splitOf = new Map<number, SplitName>();
  for (const sp of ['train', 'val', 'test'] as const) for (const s of ds.splits[sp]) splitOf.set(s, sp);
  const used = [...new Set([...splitOf.keys()].flatMap((s) => ds.pairs[s]))].sort((a, b) => a - b);
  if (used.length === 0) throw new Error(`no samples to save from ${ds.store.label}: need windows ${ds.options.timeStep} step(s) apart with data (${ds.frames.length} non-empty windows)`);
  const newId = new Map(used.map((f, k) => [f, k]));
  const index: Omit<PresavedIndex, 'stats'> = {
    format: PRESAVED_FORMAT, version: 1, source: ds.store.label, config: ds.config, sampleShape: ds.sampleShape,
    timeStep: ds.options.timeStep, split: ds.options.split, shards: [], frames: [], samples: [], droppedAtSplit: ds.droppedAtSplit,
  };
  for (let k = 0; k < used.length; k += shardSize) {
    index.shards.push({ file: `shard-${String(index.shards.length).padStart(5, '0')}.safetensors`, frames: Math.min(shardSize, used.length - k) });
  }
  used.forEach((f, k) => index.frames.push({ time: new Date(ds.frames[f].time).toISOString(), shard: Math.floor(k / shardSize), name: `frame_${String(k).padStart(6, '0')}` }));
  for (const [s, sp] of [...splitOf.entries()].sort((a, b) => a[0] - b[0])) {
    const [x, y] = ds.pairs[s];
    index.samples.push({ x: newId.get(x)!, y: newId.get(y)!, split: sp });
  }
  return { index, frameIds: used, statsFrames: ds.statsFrameIds().map((f) => newId.get(f)!) };
}

/** The complete index: the plan's fields with `stats` in its place (fixed key order, so the JSON bytes are too). */
export function completeIndex(index: Omit<PresavedIndex, 'stats'>, stats: ChannelStats): PresavedIndex {
  const { format, version, source, config, sampleShape, timeStep, split, shards, frames, samples, droppedAtSplit, scalars } = index;
  return { format, version, source, config, sampleShape, timeStep, split, stats, shards, frames, samples, droppedAtSplit, ...(scalars ? { scalars } : {}) };
}

/** The bytes of `index.json`. */
export function indexJson(index: PresavedIndex): string {
  return JSON.stringify(index, null, 1) + '\n';
}

/**
 * Grids the frames of the planned shard files `files` (indices into `plan.index.shards`) and
 * writes each file atomically. Returns the moments of the statistics frames among them, by saved
 * frame id. `onFrame` is called after each frame.
 */
export async function writePlannedShards(ds: SeriesDataset, plan: PresavePlan, outDir: string, files: readonly number[], onFrame?: () => void): Promise<Map<number, FrameMoments>> {
  const shardSize = plan.index.shards[0].frames;
  const wanted = new Set(plan.statsFrames);
  const moments = new Map<number, FrameMoments>();
  await mkdir(outDir, { recursive: true });
  for (const j of files) {
    const tensors: Record<string, Tensor> = {};
    for (let k = j * shardSize; k < j * shardSize + plan.index.shards[j].frames; k++) {
      const data = await ds.frame(plan.frameIds[k]);
      if (wanted.has(k)) moments.set(k, frameMoments(data, ds.config.channels.length));
      tensors[plan.index.frames[k].name] = { dtype: 'float32', shape: ds.sampleShape, data };
      onFrame?.();
    }
    await writeFileAtomic(join(outDir, plan.index.shards[j].file), writeSafetensors(tensors, { format: PRESAVED_FORMAT }));
  }
  return moments;
}

/**
 * The statistics from the moments of `plan.statsFrames`, added in plan order (bit-identical to
 * `SeriesDataset.computeStats`).
 * @throws Error naming the saved frame whose moments are missing
 */
export function statsFromMoments(plan: PresavePlan, channels: string[], moments: ReadonlyMap<number, FrameMoments>): ChannelStats {
  const acc = new StatsAccumulator(channels);
  for (const k of plan.statsFrames) {
    const m = moments.get(k);
    if (!m) throw new Error(`statistics: no moments for frame ${k} (${plan.index.frames[k].time})`);
    acc.addMoments(m);
  }
  return acc.result();
}

/**
 * Grids every frame a sample of `ds` uses and writes the dataset folder: `shard-NNNNN.safetensors`
 * (one float32 tensor per frame, raw values) and `index.json` (config, training statistics,
 * frames, samples with their split), written last so a folder with an index is complete. All
 * writes are atomic. Each frame is gridded once (statistics come from the frames as they are
 * written). Returns the index. For job arrays see `writeGridDatasetShard`.
 */
export async function writeGridDataset(ds: SeriesDataset, outDir: string, options: Partial<PresaveOptions> = {}): Promise<PresavedIndex> {
  const o = { ...DEFAULT_PRESAVE_OPTIONS, ...options };
  const plan = planGridDataset(ds, o.shardSize);
  await attachScalars(ds, plan);
  let done = 0;
  const all = plan.index.shards.map((_, j) => j);
  const moments = await writePlannedShards(ds, plan, outDir, all, () => o.onProgress?.(++done, plan.frameIds.length));
  const index = completeIndex(plan.index, statsFromMoments(plan, ds.config.channels, moments));
  await writeFileAtomic(join(outDir, 'index.json'), indexJson(index));
  return index;
}
