// Port of dariodematties/gridrad/Hierarchical_Pretraining/main_dino2k.py:SeqDataset
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { computeChannelStats, NamedStatsAccumulator, TensorFileDataset, type ChannelStatsFile, type FloatImage } from '@weatherlearn/dino';
import { channelOfSliceName } from '@weatherlearn/gridrad';
import { toFloat32 } from '@weatherlearn/tensor-io';
import type { TrainConfig } from './train-config.js';
import { syntheticSample } from './synthetic.js';

/** Random-access images for DINO: item `i` is a channel-first float image; stats normalise them. */
export interface ImageSource {
  readonly length: number;
  readonly channels: number;
  get(i: number): FloatImage;
  /** Per-channel normalisation of the augmentation. */
  mean: number[];
  std: number[];
  /** For the run summary. */
  describe: string;
  /**
   * Per-channel statistics by channel name, to save with the weights (`writeChannelStats(join(runDir,
   * CHANNEL_STATS_FILE), …)` from @weatherlearn/dino) so that `embed` normalises the same way.
   */
  channelStats?: ChannelStatsFile;
}

/** Files used for the channel statistics of a file dataset (evenly spread over the sorted files). */
export const STATS_MAX_FILES = 256;

function checkDir(key: string, dir: string, hint: string): void {
  if (!dir) throw new Error(`${key} needs data.dir: ${hint}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`data.dir ${dir}: no such folder (${hint})`);
}

const fmt = (v: number[]) => v.map((x) => Number(x.toPrecision(6))).join(',');


/** Seeded SuperDARN-like `C × G × G` images (no files), mean 0 / std 1. */
export function syntheticImages(cfg: TrainConfig, grid: number, channels: number): ImageSource {
  return {
    length: cfg.data.samples, channels, mean: new Array(channels).fill(0), std: new Array(channels).fill(1),
    get: (i) => ({ channels, height: grid, width: grid, data: syntheticSample(cfg.seed, i, grid, channels, 0).input }),
    describe: `synthetic, ${cfg.data.samples} samples`,
  };
}

/**
 * Statistics by channel name when every file name carries its channel (`<source>.<channel>.crop.pt`,
 * as `gridrad split` names slices): up to {@link STATS_MAX_FILES} evenly spread files per channel.
 */
function namedStats(ds: TensorFileDataset, names: string[], dir: string): ChannelStatsFile {
  const acc = new NamedStatsAccumulator();
  const byName = new Map<string, number[]>();
  names.forEach((n, i) => { let l = byName.get(n); if (!l) byName.set(n, (l = [])); l.push(i); });
  for (const [name, idx] of byName) {
    const n = Math.min(idx.length, STATS_MAX_FILES), step = idx.length / n;
    for (let k = 0; k < n; k++) acc.add(name, ds.get(idx[Math.floor(k * step)]!).data);
  }
  return acc.result(dir);
}

/**
 * The per-tensor `.pt` files of `weatherlearn gridrad split` under `data.dir` (2-D `[H, W]` slices,
 * or `[C, H, W]`), sorted. When every file name says its channel (`<source>.<channel>.crop.pt`), each
 * image is normalised with the mean/std of ITS channel (IR in Kelvin and visible reflectance never
 * share statistics) and the augmentation gets mean 0 / std 1; otherwise with per-index statistics
 * over all files. Statistics come from up to {@link STATS_MAX_FILES} files (per channel) and are
 * returned as `channelStats` to save with the weights. Errors name the folder or file.
 */
export function gridradImages(cfg: TrainConfig): ImageSource {
  const dir = cfg.data.dir;
  checkDir('data.source "gridrad"', dir, 'the per-tensor .pt folder written by `weatherlearn gridrad split` (e.g. npz/split/patches)');
  const ds = new TensorFileDataset(dir);
  if (ds.length === 0) throw new Error(`data.dir ${dir}: no .pt files (run \`weatherlearn gridrad split --input DIR --kind patches\` first)`);
  const first = ds.get(0);
  const check = (i: number, img: FloatImage) => {
    if (img.channels !== first.channels) throw new Error(`${join(dir, ds.files[i]!)}: ${img.channels} channel(s), but ${ds.files[0]} has ${first.channels}`);
    return img;
  };
  const names = ds.files.map((f) => channelOfSliceName(basename(f)));
  if (first.channels === 1 && names.every((n): n is string => n !== undefined)) {
    const stats = namedStats(ds, names, dir);
    const C = first.channels;
    return {
      length: ds.length, channels: C, mean: [0], std: [1], channelStats: stats,
      get: (i) => {
        const img = check(i, ds.get(i));
        const st = stats.channels[names[i]!]!;
        const data = new Float32Array(img.data.length);
        for (let k = 0; k < data.length; k++) data[k] = (img.data[k]! - st.mean) / st.std;
        return { ...img, data };
      },
      describe: `gridrad ${dir}: ${ds.length} files of ${C}×${first.height}×${first.width}, normalised per channel (${Object.entries(stats.channels).map(([n, c]) => `${n} mean ${fmt([c.mean])} std ${fmt([c.std])}`).join('; ')})`,
    };
  }
  const { mean, std } = computeChannelStats(ds, STATS_MAX_FILES, { spread: true, channels: first.channels });
  const byIndex: ChannelStatsFile = {
    format: 'weatherlearn-channel-stats', version: 1, source: dir,
    channels: Object.fromEntries(mean.map((m, c) => [`channel${c}`, { mean: m, std: std[c]!, count: 0 }])),
  };
  return {
    length: ds.length, channels: first.channels, mean, std, channelStats: byIndex,
    get: (i) => check(i, ds.get(i)),
    describe: `gridrad ${dir}: ${ds.length} files of ${first.channels}×${first.height}×${first.width}, normalised with mean ${fmt(mean)} std ${fmt(std)}`,
  };
}

/** Token grids for `dino2k`: item `i` is `[D, g, g]` (the `[g·g, D]` tokens of one crop). */
export interface TokenSource {
  readonly length: number;
  readonly dim: number;
  readonly grid: number;
  get(i: number): FloatImage;
  describe: string;
}

/** Seeded smooth `[D, g, g]` token grids (no files). */
export function syntheticTokens(cfg: TrainConfig): TokenSource {
  const { tokenDim: D, grid: g } = cfg.dino2k;
  return {
    length: cfg.data.samples, dim: D, grid: g,
    get: (i) => ({ channels: D, height: g, width: g, data: syntheticSample(cfg.seed, i, g, D, 0).input }),
    describe: `synthetic tokens, ${cfg.data.samples} grids of ${g}×${g}×${D}`,
  };
}

/**
 * The per-crop token files of `weatherlearn embed vit256` (`out/input_2k/…`, each `[g·g, D]`)
 * under `data.dir`, as `[D, g, g]` grids (token `r·g + c` is row r, column c). Every file must
 * have the shape of the first; errors name the file.
 */
export function embeddingTokens(cfg: TrainConfig): TokenSource {
  const dir = cfg.data.dir;
  checkDir('data.source "embeddings"', dir, 'the per-crop token files written by `weatherlearn embed vit256` (out/input_2k)');
  const ds = new TensorFileDataset(dir);
  if (ds.length === 0) throw new Error(`data.dir ${dir}: no .pt token files (run \`weatherlearn embed vit256 --data CROPS --weights W --out OUT/features.pt\` first)`);
  const shapeOf = (i: number) => {
    const t = ds.getTensor(i);
    const g = Math.round(Math.sqrt(t.shape[0] ?? 0));
    if (t.shape.length !== 2 || g * g !== t.shape[0]) throw new Error(`${join(dir, ds.files[i]!)}: expected [g·g, D] tokens of a square grid, got shape [${t.shape.join(', ')}]`);
    return { t, g, D: t.shape[1]! };
  };
  const { g, D } = shapeOf(0);
  return {
    length: ds.length, dim: D, grid: g,
    get: (i) => {
      const s = shapeOf(i);
      if (s.g !== g || s.D !== D) throw new Error(`${join(dir, ds.files[i]!)}: tokens [${s.g * s.g}, ${s.D}] differ from the first file's [${g * g}, ${D}]`);
      const tokens = toFloat32(s.t), out = new Float32Array(tokens.length);
      for (let k = 0; k < g * g; k++) for (let d = 0; d < D; d++) out[d * g * g + k] = tokens[k * D + d]!;
      const bad = out.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) throw new Error(`${join(dir, ds.files[i]!)}: non-finite token value at flat index ${bad}`);
      return { channels: D, height: g, width: g, data: out };
    },
    describe: `embeddings ${dir}: ${ds.length} grids of ${g}×${g}×${D}`,
  };
}
