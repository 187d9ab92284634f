import { join } from 'node:path';
import { ChannelStatsAccumulator } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import type { SplitName, TimeSplitConfig } from '../split.js';
import { DatasetFromPresaved } from './presaved.js';

/** Value range and observed share of one channel over a set of frames (raw values). */
export interface ChannelReport {
  name: string;
  min: number;
  max: number;
  /** Share of values ≠ 0 (0–1). */
  nonZero: number;
}

/** One split of a gridded dataset folder. */
export interface SplitReport {
  samples: number;
  /** Distinct input / target frames. */
  inputFrames: number;
  targetFrames: number;
  /** Frames without any observation (coverage all 0, or every channel 0 when there is no coverage channel). */
  emptyInputs: number;
  emptyTargets: number;
  /** Mean share of observed pixels (coverage > 0) over the split's target frames; null without a coverage channel. */
  targetCoverage: number | null;
}

/** Contents of `dataset-report.json`. */
export interface DatasetReport {
  format: 'weatherlearn-dataset-report';
  version: 1;
  frames: number;
  /** Frames without any observation. */
  emptyFrames: number;
  /** Share of observed pixels over all frames; null without a coverage channel. */
  coverage: number | null;
  channels: ChannelReport[];
  splits: Record<SplitName, SplitReport>;
  /** Things that make a training run meaningless or misleading, in words. */
  warnings: string[];
}

/** The report's file name inside the dataset folder. */
export const DATASET_REPORT_FILE = 'dataset-report.json';

/**
 * Sanity report of a gridded dataset folder (what `superdarn grid` writes next to index.json):
 * per-split sample and frame counts, empty frames, coverage and raw value ranges. Warns on empty
 * splits, splits whose targets are all empty, all-zero channels and a large share of empty frames.
 * Reads every frame once (positioned reads); writes `DATASET_REPORT_FILE` atomically when `write`.
 */
export async function datasetReport(dir: string, options: { write?: boolean } = {}): Promise<DatasetReport> {
  const ds = await DatasetFromPresaved.open(dir, { normalize: false });
  try {
    const { index } = ds;
    const names = index.config.channels as string[];
    const C = names.length;
    const cov = names.indexOf('coverage');
    const F = index.frames.length;
    const ch = names.map((name) => ({ name, nz: 0, n: 0 }));
    const range = new ChannelStatsAccumulator(C);
    const empty: boolean[] = [];
    const covShare: number[] = [];
    for (let k = 0; k < F; k++) {
      const f = await ds.frame(k);
      const per = f.length / C;
      range.add(f);
      let observed = 0;
      for (let c = 0; c < C; c++) {
        const s = ch[c]!;
        for (let i = c * per; i < (c + 1) * per; i++) {
          const v = f[i]!;
          if (v !== 0) { s.nz++; if (cov < 0) observed++; }
          if (c === cov && v > 0) observed++;
        }
        s.n += per;
      }
      empty.push(observed === 0);
      covShare.push(cov >= 0 ? observed / per : NaN);
    }
    const splits = {} as Record<SplitName, SplitReport>;
    for (const split of ['train', 'val', 'test'] as SplitName[]) {
      const samples = index.samples.filter((s) => s.split === split);
      const xs = [...new Set(samples.map((s) => s.x))], ys = [...new Set(samples.map((s) => s.y))];
      splits[split] = {
        samples: samples.length, inputFrames: xs.length, targetFrames: ys.length,
        emptyInputs: xs.filter((k) => empty[k]).length, emptyTargets: ys.filter((k) => empty[k]).length,
        targetCoverage: cov >= 0 && ys.length ? ys.reduce((a, k) => a + covShare[k]!, 0) / ys.length : null,
      };
    }
    const emptyFrames = empty.filter(Boolean).length;
    const { min, max } = range.summary(), finite = (v: number) => (Number.isFinite(v) ? v : 0);
    const channels = ch.map((s, c) => ({ name: s.name, min: finite(min[c]!), max: finite(max[c]!), nonZero: s.n ? s.nz / s.n : 0 }));
    const report: DatasetReport = {
      format: 'weatherlearn-dataset-report', version: 1, frames: F, emptyFrames,
      coverage: cov >= 0 && F ? covShare.reduce((a, b) => a + b, 0) / F : null, channels, splits,
      warnings: reportWarnings(splits, channels, emptyFrames, F, index.split),
    };
    if (options.write) await writeFileAtomic(join(dir, DATASET_REPORT_FILE), JSON.stringify(report, null, 2) + '\n');
    return report;
  } finally {
    await ds.close();
  }
}

function reportWarnings(splits: Record<SplitName, SplitReport>, channels: ChannelReport[], emptyFrames: number, frames: number, fractions: Pick<TimeSplitConfig, SplitName>): string[] {
  const w: string[] = [];
  for (const split of ['train', 'val', 'test'] as SplitName[]) {
    const s = splits[split];
    if (s.samples === 0) {
      if (split === 'train' || fractions[split] > 0) w.push(`${split} split is empty (0 samples)${split === 'val' ? ': validation losses will be missing or meaningless' : ''}`);
    } else if (s.emptyTargets === s.targetFrames) w.push(`${split} split: all ${s.targetFrames} target frames are empty (no observations)`);
    else if (s.emptyTargets > 0) w.push(`${split} split: ${s.emptyTargets} of ${s.targetFrames} target frames are empty (no observations)`);
  }
  for (const c of channels) if (c.nonZero === 0 && frames > 0) w.push(`channel ${c.name} is 0 in every frame`);
  if (frames > 0 && emptyFrames / frames > 0.25) w.push(`${emptyFrames} of ${frames} frames are empty (${Math.round((100 * emptyFrames) / frames)}%)`);
  return w;
}
