// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:TensorDataset, TensorDataset_YY, TensorDataset1, TensorDataset2
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ChannelStatsAccumulator, readPt, isTensor, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { epochOrder } from '@weatherlearn/engine/rng';
import type { FloatImage } from './image-ops.js';
import { DinoDataError } from '../errors.js';

/** Lists `*.pt` files under `root` (recursively), sorted, as paths relative to `root`. */
export function listPtFiles(root: string, extension = '.pt'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (err) {
      throw new Error(`cannot list ${dir}: ${(err as Error).message}`);
    }
    for (const n of names.sort()) {
      const p = path.join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith(extension)) out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out;
}

/** Reads one `.pt` file that holds a single tensor (a dict with one tensor is accepted too). */
export function readTensorFile(file: string): Tensor {
  const bytes = readFileSync(file);
  const v = readPt(bytes, file);
  if (isTensor(v)) return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const vals = Object.values(v);
    if (vals.length === 1 && isTensor(vals[0])) return vals[0];
  }
  throw new DinoDataError(`${file}: expected one tensor, found ${Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a dict' : typeof v}`, { file });
}

/** A tensor as a channel-first float image: 2-D `[H, W]` gets one channel, 3-D is `[C, H, W]`. */
export function toFloatImage(t: Tensor, file = '<tensor>'): FloatImage {
  const s = t.shape;
  if (s.length === 2) return { channels: 1, height: s[0]!, width: s[1]!, data: toFloat32(t) };
  if (s.length === 3) return { channels: s[0]!, height: s[1]!, width: s[2]!, data: toFloat32(t) };
  throw new DinoDataError(`${file}: expected a 2-D [H, W] or 3-D [C, H, W] tensor, got shape [${s.join(', ')}]`, { file, field: 'shape' });
}

/**
 * The per-tensor `.pt` files under a folder (as the gridrad package writes them: one 2-D float
 * tensor per file), in sorted order, with a fresh shuffle every epoch (`seed + epoch`).
 */
export class TensorFileDataset {
  readonly files: string[];

  constructor(readonly root: string, options: { extension?: string } = {}) {
    this.files = listPtFiles(root, options.extension);
  }

  /** Number of files. */
  get length(): number {
    return this.files.length;
  }

  /** Reads item `i` as a float image; non-finite values are an error naming the file. */
  get(i: number): FloatImage {
    const file = path.join(this.root, this.files[i]!);
    const img = toFloatImage(readTensorFile(file), file);
    const bad = img.data.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new DinoDataError(`${file}: non-finite value ${img.data[bad]} at flat index ${bad}`, { file, field: `[${bad}]` });
    return img;
  }

  /** The raw tensor of item `i`. */
  getTensor(i: number): Tensor {
    return readTensorFile(path.join(this.root, this.files[i]!));
  }

  /** Index order of `epoch`: a permutation that differs from epoch to epoch and is reproducible. */
  epochOrder(epoch: number, seed = 0): number[] {
    return Array.from(epochOrder(this.length, seed, epoch));
  }
}

/** Options of {@link computeChannelStats}. */
export interface ChannelStatsOptions {
  /** Take the files evenly spread over the dataset instead of the first `maxFiles`. */
  spread: boolean;
  /** Channels to report (default: those of the first file); extra channels of a file are ignored. */
  channels?: number;
}

/** Defaults of {@link computeChannelStats}: the first files. */
export const DEFAULT_CHANNEL_STATS_OPTIONS: ChannelStatsOptions = { spread: false };

/**
 * Per-channel mean and std of a dataset (population, float64, non-finite values skipped: tensor-io's
 * `ChannelStatsAccumulator`) from up to `maxFiles` files; std 1 for a constant or empty channel.
 */
export function computeChannelStats(ds: TensorFileDataset, maxFiles = Infinity, options: Partial<ChannelStatsOptions> = {}): { mean: number[]; std: number[] } {
  const o = { ...DEFAULT_CHANNEL_STATS_OPTIONS, ...options };
  const n = Math.min(ds.length, maxFiles);
  if (n === 0) throw new Error(`no .pt files under ${ds.root}`);
  const step = o.spread ? ds.length / n : 1;
  let acc: ChannelStatsAccumulator | undefined;
  for (let k = 0; k < n; k++) {
    const img = ds.get(Math.floor(k * step));
    acc ??= new ChannelStatsAccumulator(o.channels ?? img.channels);
    const hw = img.height * img.width;
    for (let c = 0; c < Math.min(acc.channels, img.channels); c++) acc.addChannel(c, img.data, c * hw, hw);
  }
  const s = acc!.summary();
  return { mean: s.mean.map((m) => (Number.isFinite(m) ? m : 0)), std: s.std.map((d) => (Number.isFinite(d) && d > 0 ? d : 1)) };
}
