import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetFromPresaved, normalizeSample, type ChannelStats, type SplitName } from '@weatherlearn/superdarn';

/** A gridded dataset opened for forecasting and evaluation: raw frames by time, splits, statistics. */
export interface EvalData {
  dataset: DatasetFromPresaved;
  dir: string;
  /** `[C, H, W]`. */
  shape: [number, number, number];
  channels: string[];
  stats: ChannelStats;
  /** Milliseconds between an input frame and its target (one model step). */
  stepMs: number;
  /** Frame id at each time (ms). */
  frameAt: Map<number, number>;
  /** Time (ms) of each frame. */
  times: number[];
  /** MLAT extent of the rows. */
  latRange: [number, number];
  /** Frames that belong to each split (inputs and targets of its samples). */
  splitFrames: Record<SplitName, Set<number>>;
  /** Input frames of each split's samples, in time order (forecast initial times). */
  inits: Record<SplitName, number[]>;
  close(): Promise<void>;
}

/**
 * Opens a dataset folder written by `weatherlearn superdarn grid` (or `presave`) with raw
 * (un-normalised) frames. Errors name the folder and what is wrong.
 */
export async function openEvalData(dir: string): Promise<EvalData> {
  if (!existsSync(join(dir, 'index.json'))) throw new Error(`--data ${dir}: no index.json — a dataset folder from \`weatherlearn superdarn grid --out ${dir}\` is needed`);
  const ds = await DatasetFromPresaved.open(dir, { normalize: false });
  const ix = ds.index;
  if (ds.sampleShape.length !== 3) { await ds.close(); throw new Error(`--data ${dir}: frames have shape [${ds.sampleShape.join(', ')}]; forecasting needs gridded [C, H, W] frames`); }
  const times = ix.frames.map((f) => Date.parse(f.time));
  const s0 = ix.samples[0];
  if (!s0) { await ds.close(); throw new Error(`--data ${dir}: the dataset has no samples`); }
  const stepMs = times[s0.y]! - times[s0.x]!;
  if (!(stepMs > 0)) { await ds.close(); throw new Error(`${join(dir, 'index.json')}: samples[0] goes from ${ix.frames[s0.x]!.time} to ${ix.frames[s0.y]!.time}; expected a later target`); }
  const splitFrames: EvalData['splitFrames'] = { train: new Set(), val: new Set(), test: new Set() };
  const inits: EvalData['inits'] = { train: [], val: [], test: [] };
  for (const s of ix.samples) { splitFrames[s.split].add(s.x).add(s.y); inits[s.split].push(s.x); }
  for (const k of ['train', 'val', 'test'] as const) inits[k] = [...new Set(inits[k])].sort((a, b) => times[a]! - times[b]!);
  const ext = ix.config.extent ?? { latMin: 50, latMax: 90 };
  return {
    dataset: ds, dir, shape: ds.sampleShape as [number, number, number], channels: [...ix.config.channels], stats: ix.stats, stepMs,
    frameAt: new Map(times.map((t, k) => [t, k])), times, latRange: [ext.latMin, ext.latMax], splitFrames, inits, close: () => ds.close(),
  };
}

/** Normalises a raw frame (a copy) with the training statistics, as the model was trained. */
export function normalizeFrame(raw: Float32Array, stats: ChannelStats): Float32Array {
  return normalizeSample(Float32Array.from(raw), stats);
}

/** De-normalises model output in place: x·std_c + mean_c, back to physical units. */
export function denormalizeFrame(x: Float32Array, stats: ChannelStats): Float32Array {
  const C = stats.mean.length, per = x.length / C;
  for (let c = 0; c < C; c++) {
    const m = stats.mean[c]!, s = stats.std[c]! > 0 ? stats.std[c]! : 1;
    for (let i = c * per; i < (c + 1) * per; i++) x[i] = x[i]! * s + m;
  }
  return x;
}

/** The target frame `lead` steps after frame `init`, when it exists and belongs to `split` (else undefined). */
export function targetFrame(d: EvalData, init: number, lead: number, split?: SplitName): number | undefined {
  const k = d.frameAt.get(d.times[init]! + lead * d.stepMs);
  return k !== undefined && (!split || d.splitFrames[split].has(k)) ? k : undefined;
}
