/**
 * The outlier filter of `process_all_chunks_to_individual_files`, made order-independent: the
 * global statistics come from every slice that passes the local tests (a first pass), not from a
 * running, race-dependent tally.
 */

/** Statistics of one 2-D slice. */
export interface SliceStats {
  /** Mean over the slice (float64 accumulation). */
  mean: number;
  /** Unbiased standard deviation (N−1), like `torch.std`. */
  std: number;
  /** max |x − mean|. */
  maxDev: number;
  /** `nan` when the slice holds a NaN, `inf` when it holds ±Inf (and no NaN), else null. */
  nonFinite: 'nan' | 'inf' | null;
}

/** Thresholds of the filter (the README of the original uses 10 and 10). */
export interface SliceFilterOptions {
  maxDeviationFactor: number;
  globalMeanDeviationFactor: number;
}

/** Defaults: 10 and 10, as the original's README runs it. */
export const DEFAULT_SLICE_FILTER_OPTIONS: SliceFilterOptions = { maxDeviationFactor: 10, globalMeanDeviationFactor: 10 };

/** Computes {@link SliceStats} of `data[offset, offset + n)`. */
export function sliceStats(data: Float32Array, offset = 0, n = data.length - offset): SliceStats {
  let sum = 0, nan = false, inf = false;
  for (let i = offset; i < offset + n; i++) {
    const v = data[i]!;
    if (Number.isNaN(v)) nan = true; else if (!Number.isFinite(v)) inf = true;
    sum += v;
  }
  if (nan || inf) return { mean: NaN, std: NaN, maxDev: NaN, nonFinite: nan ? 'nan' : 'inf' };
  const mean = sum / n;
  let ss = 0, maxDev = 0;
  for (let i = offset; i < offset + n; i++) {
    const d = data[i]! - mean;
    ss += d * d;
    if (Math.abs(d) > maxDev) maxDev = Math.abs(d);
  }
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, maxDev, nonFinite: null };
}

/** Global statistics of the slice means that passed the local tests (population std). */
export interface GlobalStats { mean: number; std: number; count: number }

/** Verdicts: `kept`, or the reason of the rejection. */
export interface FilterResult {
  global: GlobalStats;
  /** One entry per slice: undefined when kept, else the reason. */
  reasons: (string | undefined)[];
}

/**
 * Applies the filter: reject NaN (and ±Inf); reject when std > 0 and max|x − mean| >
 * maxDeviationFactor·std; then, over the slices left, reject when |mean − global mean| >
 * globalMeanDeviationFactor·global std (population std of those means; skipped when it is 0).
 */
export function filterSlices(stats: readonly SliceStats[], options: Partial<SliceFilterOptions> = {}): FilterResult {
  const { maxDeviationFactor: f, globalMeanDeviationFactor: g } = { ...DEFAULT_SLICE_FILTER_OPTIONS, ...options };
  const reasons: (string | undefined)[] = stats.map((s) => {
    if (s.nonFinite === 'nan') return 'nan';
    if (s.nonFinite === 'inf') return 'inf';
    if (s.std > 0 && s.maxDev > f * s.std) return `local: max|x-mean| ${s.maxDev.toPrecision(6)} > ${f}*std ${s.std.toPrecision(6)}`;
    return undefined;
  });
  let sum = 0, count = 0;
  stats.forEach((s, i) => { if (reasons[i] === undefined) { sum += s.mean; count++; } });
  const mean = count ? sum / count : NaN;
  let ss = 0;
  stats.forEach((s, i) => { if (reasons[i] === undefined) ss += (s.mean - mean) ** 2; });
  const std = count ? Math.sqrt(ss / count) : NaN;
  stats.forEach((s, i) => {
    if (reasons[i] === undefined && std > 0 && Math.abs(s.mean - mean) > g * std) {
      reasons[i] = `global: |mean-global mean| ${Math.abs(s.mean - mean).toPrecision(6)} > ${g}*global std ${std.toPrecision(6)}`;
    }
  });
  return { global: { mean, std, count }, reasons };
}
