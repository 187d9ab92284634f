import { ChannelStatsAccumulator, sampleMoments, type ChannelMoments } from '@weatherlearn/tensor-io';

/** Per-channel statistics of the training split, saved with a dataset. */
export interface ChannelStats {
  /** Channel names in order. */
  channels: string[];
  mean: number[];
  /** Standard deviation; 1 where a channel is constant or empty (so normalising never divides by 0). */
  std: number[];
  /** Values seen per channel. */
  count: number;
  min: number[];
  max: number[];
}

/**
 * Per-channel moments of one sample: `[count, mean, sum of squared deviations, min, max]` of its
 * finite values (float64), or `null` for a channel without any (tensor-io's `ChannelMoments`).
 */
export type FrameMoments = ChannelMoments[];

/** The {@link FrameMoments} of a sample laid out (C, …) in C order (tensor-io's `sampleMoments`). */
export function frameMoments(sample: Float32Array, C: number): FrameMoments {
  return sampleMoments(sample, C);
}

/** Streaming per-channel statistics of named channels (tensor-io's `ChannelStatsAccumulator`) with the dataset's conventions. */
export class StatsAccumulator {
  private readonly acc: ChannelStatsAccumulator;

  constructor(readonly channels: string[]) {
    this.acc = new ChannelStatsAccumulator(channels.length);
  }

  /** Adds one sample laid out (C, …) in C order; non-finite values are ignored per channel. */
  add(sample: Float32Array): void {
    this.acc.add(sample);
  }

  /**
   * Adds the moments of one sample (from {@link frameMoments}); `add(x)` is exactly
   * `addMoments(frameMoments(x, C))`, so moments saved by shards and replayed in the same order
   * give bit-identical statistics.
   */
  addMoments(moments: FrameMoments): void {
    this.acc.addMoments(moments);
  }

  /**
   * The statistics so far (mean 0 / std 1 when nothing was added). The `coverage` channel always
   * gets mean 0 / std 1 (it passes through normalisation unchanged, so `coverage > 0` still marks
   * observed pixels); its min/max are still reported.
   */
  result(): ChannelStats {
    const s = this.acc.summary();
    const orZero = (v: number) => (Number.isFinite(v) ? v : 0);
    const raw = (c: number) => this.channels[c] === 'coverage' || this.channels[c] === 'occupancy';
    return {
      channels: [...this.channels],
      mean: s.mean.map((m, c) => (raw(c) ? 0 : orZero(m))),
      std: s.std.map((d, c) => (raw(c) || !(Number.isFinite(d) && d > 1e-12) ? 1 : d)),
      count: Math.max(0, ...s.count),
      min: s.min.map(orZero), max: s.max.map(orZero),
    };
  }
}

/** Normalises a (C, …) sample in place: (x − mean_c) / std_c. Non-finite inputs become 0. */
export function normalizeSample(sample: Float32Array, stats: ChannelStats): Float32Array {
  const C = stats.mean.length;
  const per = sample.length / C;
  for (let c = 0; c < C; c++) {
    const m = stats.mean[c];
    const inv = 1 / (stats.std[c] > 0 ? stats.std[c] : 1);
    const base = c * per;
    for (let i = 0; i < per; i++) {
      const v = sample[base + i];
      sample[base + i] = Number.isFinite(v) ? (v - m) * inv : 0;
    }
  }
  return sample;
}
