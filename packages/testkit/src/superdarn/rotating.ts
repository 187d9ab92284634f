import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSafetensors, type Tensor } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';

/** Options of {@link writeRotatingDataset}. */
export interface RotatingDatasetOptions {
  /** Frames in time order (consecutive windows). */
  frames: number;
  /** Grid side (H = W): rows 50–90° MLAT, columns 0–360° MLON. */
  grid: number;
  /** Rotation of the pattern per frame, degrees of longitude (the known dynamics). */
  degreesPerStep: number;
  /** Probability that a cell is observed in a frame (the rest hold no measurement: all channels 0). */
  coverage: number;
  /** Every `gapEvery`-th frame is almost empty (5 % of the coverage); 0: none. */
  gapEvery: number;
  /** `rotating`: the known dynamics; `noise`: i.i.d. Gaussian values at observed cells (nothing to predict). */
  kind: 'rotating' | 'noise';
  windowMinutes: number;
  /** Time of frame 0. */
  start: number;
  seed: number;
  /** Fractions of frames in the train/val/test splits (contiguous, in that order). */
  split: [number, number, number];
}

/** 120 frames of 16×16, 45°/step, 75 % coverage, every 10th frame a gap, 10-minute windows, 70/15/15 %. */
export const DEFAULT_ROTATING_DATASET_OPTIONS: RotatingDatasetOptions = {
  frames: 120, grid: 16, degreesPerStep: 45, coverage: 0.75, gapEvery: 10, kind: 'rotating',
  windowMinutes: 10, start: Date.UTC(2014, 0, 1), seed: 1, split: [0.7, 0.15, 0.15],
};

/** Channels of the dataset: line-of-sight velocity (m/s), power (dB) and the vector count (coverage). */
export const ROTATING_CHANNELS = ['vel.median', 'pwr.median', 'count'] as const;

/**
 * The true (fully observed) fields of frame k: a two-cell convection pattern (velocity ∝
 * sin(mlon − ω·k) on an auroral-oval envelope, power following |velocity|) that rotates in
 * magnetic longitude by `degreesPerStep` each frame. Laid out `(2, grid, grid)`.
 */
export function rotatingField(k: number, grid: number, degreesPerStep: number): Float32Array {
  const out = new Float32Array(2 * grid * grid);
  for (let i = 0; i < grid; i++) {
    const lat = 50 + ((i + 0.5) * 40) / grid, env = Math.exp(-(((lat - 70) / 8) ** 2));
    for (let j = 0; j < grid; j++) {
      const lon = ((j + 0.5) * 360) / grid;
      const v = 600 * env * Math.sin(((lon - degreesPerStep * k) * Math.PI) / 180);
      out[i * grid + j] = v;
      out[grid * grid + i * grid + j] = 10 + Math.abs(v) / 40;
    }
  }
  return out;
}

/**
 * Writes a gridded SuperDARN dataset folder (the `index.json` + safetensors shards layout of
 * `weatherlearn superdarn grid`) with known dynamics — the {@link rotatingField} pattern, or pure
 * noise — observed at a seeded random subset of cells per frame (unobserved cells are 0 in every
 * channel and `count` 0, as gridding leaves them), with contiguous train/val/test splits, samples
 * (frame k → k+1) that never cross a split, and training-split statistics. Returns the folder.
 */
export async function writeRotatingDataset(dir: string, options: Partial<RotatingDatasetOptions> = {}): Promise<string> {
  const o = { ...DEFAULT_ROTATING_DATASET_OPTIONS, ...options };
  const G = o.grid, N = G * G, C = 3, r = new Rng(o.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  const nTrain = Math.round(o.frames * o.split[0]), nVal = Math.round(o.frames * o.split[1]);
  const splitOf = (k: number) => (k < nTrain ? 'train' : k < nTrain + nVal ? 'val' : 'test') as 'train' | 'val' | 'test';
  const frames: Float32Array[] = [];
  for (let k = 0; k < o.frames; k++) {
    const truth = rotatingField(k, G, o.degreesPerStep), f = new Float32Array(C * N);
    const p = o.gapEvery > 0 && k % o.gapEvery === o.gapEvery - 1 ? o.coverage * 0.05 : o.coverage;
    for (let i = 0; i < N; i++) {
      if (r.next() >= p) continue;
      f[2 * N + i] = 1 + Math.floor(r.next() * 3);
      f[i] = o.kind === 'noise' ? 300 * gauss() : truth[i]!;
      f[N + i] = o.kind === 'noise' ? 15 + 5 * gauss() : truth[N + i]!;
    }
    frames.push(f);
  }
  const stats = { channels: [...ROTATING_CHANNELS], mean: [0, 0, 0], std: [1, 1, 1], count: 0, min: [0, 0, 0], max: [0, 0, 0] };
  for (let c = 0; c < C; c++) {
    let s = 0, s2 = 0, n = 0, lo = Infinity, hi = -Infinity;
    for (let k = 0; k < nTrain; k++) for (let i = 0; i < N; i++) { const v = frames[k]![c * N + i]!; s += v; s2 += v * v; n++; lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const m = s / n, sd = Math.sqrt(Math.max(0, s2 / n - m * m));
    stats.mean[c] = m; stats.std[c] = sd > 1e-12 ? sd : 1; stats.min[c] = lo; stats.max[c] = hi; stats.count = n;
  }
  await mkdir(dir, { recursive: true });
  const shardSize = 16, shards: { file: string; frames: number }[] = [], index: { time: string; shard: number; name: string }[] = [];
  for (let s = 0; s * shardSize < o.frames; s++) {
    const dict: Record<string, Tensor> = {};
    for (let k = s * shardSize; k < Math.min(o.frames, (s + 1) * shardSize); k++) {
      const name = `frame_${String(k).padStart(6, '0')}`;
      dict[name] = { dtype: 'float32', shape: [C, G, G], data: frames[k]! };
      index.push({ time: new Date(o.start + k * o.windowMinutes * 60_000).toISOString(), shard: s, name });
    }
    const file = `shard-${String(s).padStart(5, '0')}.safetensors`;
    await writeFile(join(dir, file), writeSafetensors(dict));
    shards.push({ file, frames: Object.keys(dict).length });
  }
  const samples: { x: number; y: number; split: string }[] = [];
  let dropped = 0;
  for (let k = 0; k + 1 < o.frames; k++) (splitOf(k) === splitOf(k + 1) ? samples.push({ x: k, y: k + 1, split: splitOf(k) }) : dropped++);
  const config = {
    method: 'grid', gridSize: G, windowMinutes: o.windowMinutes, channels: [...ROTATING_CHANNELS],
    extent: { latMin: 50, latMax: 90, lonMin: 0, lonMax: 360 }, sigmaDeg: 1, truncateSigmas: 3, accumulate: 'mean', flatSize: 90360,
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify({
    format: 'weatherlearn-superdarn-dataset', version: 1, source: `testkit ${o.kind} (seed ${o.seed})`, config, sampleShape: [C, G, G], timeStep: 1,
    split: { train: o.split[0], val: o.split[1], test: o.split[2], blockMinutes: o.windowMinutes }, stats, shards, frames: index, samples, droppedAtSplit: dropped,
  }, null, 1));
  return dir;
}
