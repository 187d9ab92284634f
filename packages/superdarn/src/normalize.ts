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
 * finite values (float64), or `null` for a channel without any. Plain numbers, so they survive a
 * JSON round trip exactly.
 */
export type FrameMoments = ([number, number, number, number, number] | null)[];

/** The {@link FrameMoments} of a sample laid out (C, …) in C order. */
export function frameMoments(sample: Float32Array, C: number): FrameMoments {
  const per = sample.length / C;
  if (!Number.isInteger(per)) throw new Error(`stats: sample of ${sample.length} values does not split into ${C} channels`);
  const out: FrameMoments = [];
  for (let c = 0; c < C; c++) {
    let s = 0, s2 = 0, k = 0, lo = Infinity, hi = -Infinity;
    const base = c * per;
    for (let i = 0; i < per; i++) {
      const v = sample[base + i];
      if (!Number.isFinite(v)) continue;
      s += v; k++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (k === 0) { out.push(null); continue; }
    const m = s / k;
    for (let i = 0; i < per; i++) { const v = sample[base + i]; if (Number.isFinite(v)) s2 += (v - m) * (v - m); }
    out.push([k, m, s2, lo, hi]);
  }
  return out;
}

/** Streaming accumulator (Chan et al. parallel variance, float64) of per-channel statistics. */
export class StatsAccumulator {
  private readonly n: Float64Array;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;

  constructor(readonly channels: string[]) {
    const C = channels.length;
    this.n = new Float64Array(C);
    this.mean = new Float64Array(C);
    this.m2 = new Float64Array(C);
    this.min = new Float64Array(C).fill(Infinity);
    this.max = new Float64Array(C).fill(-Infinity);
  }

  /** Adds one sample laid out (C, …) in C order; non-finite values are ignored per channel. */
  add(sample: Float32Array): void {
    this.addMoments(frameMoments(sample, this.channels.length));
  }

  /**
   * Adds the moments of one sample (from {@link frameMoments}); `add(x)` is exactly
   * `addMoments(frameMoments(x, C))`, so moments saved by shards and replayed in the same order
   * give bit-identical statistics.
   */
  addMoments(moments: FrameMoments): void {
    const C = this.channels.length;
    if (moments.length !== C) throw new Error(`stats: moments of ${moments.length} channels, expected ${C}`);
    for (let c = 0; c < C; c++) {
      const mo = moments[c];
      if (!mo) continue;
      const [k, m, s2, lo, hi] = mo;
      const n = this.n[c];
      const d = m - this.mean[c];
      const tot = n + k;
      this.mean[c] += (d * k) / tot;
      this.m2[c] += s2 + (d * d * n * k) / tot;
      if (lo < this.min[c]) this.min[c] = lo;
      if (hi > this.max[c]) this.max[c] = hi;
      this.n[c] = tot;
    }
  }

  /**
   * The statistics so far (mean 0 / std 1 when nothing was added). The `coverage` channel always
   * gets mean 0 / std 1 (it passes through normalisation unchanged, so `coverage > 0` still marks
   * observed pixels); its min/max are still reported.
   */
  result(): ChannelStats {
    const C = this.channels.length;
    const std: number[] = [];
    const mean = Array.from(this.mean);
    for (let c = 0; c < C; c++) {
      const s = this.n[c] > 1 ? Math.sqrt(this.m2[c] / this.n[c]) : 0;
      const raw = this.channels[c] === 'coverage' || this.channels[c] === 'occupancy';
      std.push(raw ? 1 : Number.isFinite(s) && s > 1e-12 ? s : 1);
      if (raw) mean[c] = 0;
    }
    return {
      channels: [...this.channels], mean, std, count: Math.max(0, ...this.n),
      min: Array.from(this.min, (v) => (Number.isFinite(v) ? v : 0)), max: Array.from(this.max, (v) => (Number.isFinite(v) ? v : 0)),
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
