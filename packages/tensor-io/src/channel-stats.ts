/**
 * One streaming per-channel statistics routine for every dataset: count, mean, population std, min
 * and max of the finite values of each channel, in float64 (Chan et al.'s parallel update of the
 * mean and the sum of squared deviations, so per-sample moments merged in the same order give
 * bit-identical results whether computed in one process or saved by shards and replayed).
 */

/**
 * Moments of one channel of one sample: `[count, mean, sum of squared deviations, min, max]` of its
 * finite values (float64), or `null` when it has none. Plain numbers: they survive JSON exactly.
 */
export type ChannelMoments = [number, number, number, number, number] | null;

/** Per-channel statistics (population std; NaN mean/std/min/max for a channel without finite values). */
export interface ChannelSummary {
  /** Finite values seen per channel. */
  count: number[];
  mean: number[];
  /** Population standard deviation, sqrt(Σ(x − mean)² / count). */
  std: number[];
  min: number[];
  max: number[];
}

/** The {@link ChannelMoments} of `n` values of `data` from `offset` (non-finite values skipped). */
export function channelMoments(data: ArrayLike<number>, offset = 0, n = data.length - offset): ChannelMoments {
  let s = 0, k = 0, lo = Infinity, hi = -Infinity;
  for (let i = offset; i < offset + n; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) continue;
    s += v; k++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (k === 0) return null;
  const m = s / k;
  let s2 = 0;
  for (let i = offset; i < offset + n; i++) { const v = data[i]!; if (Number.isFinite(v)) s2 += (v - m) * (v - m); }
  return [k, m, s2, lo, hi];
}

/** The moments of each channel of a sample laid out (C, …) in C order. */
export function sampleMoments(sample: ArrayLike<number>, C: number): ChannelMoments[] {
  const per = sample.length / C;
  if (!Number.isInteger(per)) throw new RangeError(`channel stats: sample of ${sample.length} values does not split into ${C} channels`);
  return Array.from({ length: C }, (_, c) => channelMoments(sample, c * per, per));
}

/** Streaming accumulator of per-channel statistics over many samples (float64, NaN-skipping). */
export class ChannelStatsAccumulator {
  private readonly n: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(readonly channels: number) {
    if (!Number.isInteger(channels) || channels < 0) throw new RangeError(`channel stats: channels must be an integer >= 0, got ${channels}`);
    this.n = new Float64Array(channels);
    this.mean = new Float64Array(channels);
    this.m2 = new Float64Array(channels);
    this.min = new Float64Array(channels).fill(Infinity);
    this.max = new Float64Array(channels).fill(-Infinity);
  }

  /** Adds one sample laid out (C, …) in C order; `add(x)` is exactly `addMoments(sampleMoments(x, C))`. */
  add(sample: ArrayLike<number>): void {
    this.addMoments(sampleMoments(sample, this.channels));
  }

  /** Adds `n` values of `data` from `offset` to channel `c` only. */
  addChannel(c: number, data: ArrayLike<number>, offset = 0, n = data.length - offset): void {
    this.merge(c, channelMoments(data, offset, n));
  }

  /** Adds the per-channel moments of one sample (from {@link sampleMoments}). */
  addMoments(moments: readonly ChannelMoments[]): void {
    if (moments.length !== this.channels) throw new RangeError(`channel stats: moments of ${moments.length} channels, expected ${this.channels}`);
    for (let c = 0; c < this.channels; c++) this.merge(c, moments[c]!);
  }

  private merge(c: number, mo: ChannelMoments): void {
    if (!mo) return;
    const [k, m, s2, lo, hi] = mo;
    const n = this.n[c]!, d = m - this.mean[c]!, tot = n + k;
    this.mean[c]! += (d * k) / tot;
    this.m2[c]! += s2 + (d * d * n * k) / tot;
    if (lo < this.min[c]!) this.min[c] = lo;
    if (hi > this.max[c]!) this.max[c] = hi;
    this.n[c] = tot;
  }

  /** The statistics so far. */
  summary(): ChannelSummary {
    const has = (c: number) => this.n[c]! > 0;
    const per = (f: (c: number) => number) => Array.from({ length: this.channels }, (_, c) => (has(c) ? f(c) : NaN));
    return {
      count: Array.from(this.n),
      mean: per((c) => this.mean[c]!),
      std: per((c) => Math.sqrt(this.m2[c]! / this.n[c]!)),
      min: per((c) => this.min[c]!),
      max: per((c) => this.max[c]!),
    };
  }
}
