import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { writeFileAtomic, writeSafetensors, type Tensor } from '@weatherlearn/tensor-io';
import type { GridConfig } from '../grid/config.js';
import type { ChannelStats } from '../normalize.js';
import type { SplitName, TimeSplitConfig } from '../split.js';
import type { SeriesDataset } from './series.js';

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
  /** Frame k is tensor `name` in shard `shard`; `time` = window start (ISO). */
  frames: { time: string; shard: number; name: string }[];
  /** Sample = (input frame x, target frame y) and its split. */
  samples: { x: number; y: number; split: SplitName }[];
  /** Samples dropped at split boundaries (no leakage). */
  droppedAtSplit: number;
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

/**
 * Grids every frame a sample of `ds` uses and writes the dataset folder: `shard-NNNNN.safetensors`
 * (one float32 tensor per frame, raw values) and `index.json` (config, training statistics,
 * frames, samples with their split), written last so a folder with an index is complete. All
 * writes are atomic. Returns the index.
 */
export async function writeGridDataset(ds: SeriesDataset, outDir: string, options: Partial<PresaveOptions> = {}): Promise<PresavedIndex> {
  const o = { ...DEFAULT_PRESAVE_OPTIONS, ...options };
  if (!Number.isInteger(o.shardSize) || o.shardSize < 1) throw new Error(`shardSize must be a positive integer, got ${o.shardSize}`);
  await mkdir(outDir, { recursive: true });
  const splitOf = new Map<number, SplitName>();
  for (const sp of ['train', 'val', 'test'] as const) for (const s of ds.splits[sp]) splitOf.set(s, sp);
  const used = [...new Set([...splitOf.keys()].flatMap((s) => ds.pairs[s]))].sort((a, b) => a - b);
  if (used.length === 0) throw new Error(`no samples to save from ${ds.store.label}: need windows ${ds.options.timeStep} step(s) apart with data (${ds.frames.length} non-empty windows)`);
  const stats = await ds.computeStats();
  const newId = new Map<number, number>();
  const index: PresavedIndex = {
    format: PRESAVED_FORMAT, version: 1, source: ds.store.label, config: ds.config, sampleShape: ds.sampleShape,
    timeStep: ds.options.timeStep, split: ds.options.split, stats, shards: [], frames: [], samples: [], droppedAtSplit: ds.droppedAtSplit,
  };
  let shard: Record<string, Tensor> = {};
  const flush = async () => {
    const n = Object.keys(shard).length;
    if (n === 0) return;
    const file = `shard-${String(index.shards.length).padStart(5, '0')}.safetensors`;
    await writeFileAtomic(join(outDir, file), writeSafetensors(shard, { format: PRESAVED_FORMAT }));
    index.shards.push({ file, frames: n });
    shard = {};
  };
  for (let k = 0; k < used.length; k++) {
    const name = `frame_${String(k).padStart(6, '0')}`;
    shard[name] = { dtype: 'float32', shape: ds.sampleShape, data: await ds.frame(used[k]) };
    newId.set(used[k], k);
    index.frames.push({ time: new Date(ds.frames[used[k]].time).toISOString(), shard: index.shards.length, name });
    o.onProgress?.(k + 1, used.length);
    if (Object.keys(shard).length >= o.shardSize) await flush();
  }
  await flush();
  for (const [s, sp] of [...splitOf.entries()].sort((a, b) => a[0] - b[0])) {
    const [x, y] = ds.pairs[s];
    index.samples.push({ x: newId.get(x)!, y: newId.get(y)!, split: sp });
  }
  await writeFileAtomic(join(outDir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
  return index;
}
