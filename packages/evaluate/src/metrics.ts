/**
 * Streaming, mergeable verification sums of one (model, lead, channel). Every metric is pooled over
 * all scored frames and OBSERVED cells, each cell weighted by its row's latitude weight w:
 *
 * - bias = Σ w (f − o) / Σ w, MAE = Σ w |f − o| / Σ w, RMSE = √(Σ w (f − o)² / Σ w)
 * - ACC = Σ w f′o′ / √(Σ w f′² · Σ w o′²), anomalies f′ = f − c, o′ = o − c against the
 *   climatology c; 0 when the denominator is 0 (a forecast equal to climatology has f′ ≡ 0)
 * - coverage = observed cells / cells of the scored frames
 *
 * Sums are float64 and additive, so per-worker accumulators merge exactly by {@link MetricSums.merge}.
 */
export class MetricSums {
  /** Σ w over observed cells. */
  sw = 0;
  /** Σ w (f − o). */
  se = 0;
  /** Σ w |f − o|. */
  sae = 0;
  /** Σ w (f − o)². */
  sse = 0;
  /** Σ w f′o′, Σ w f′², Σ w o′². */
  sfa = 0;
  sff = 0;
  saa = 0;
  /** Observed cells and all cells of the scored frames. */
  observed = 0;
  cells = 0;
  /** Frames scored. */
  cases = 0;

  /** Adds another accumulator's sums (same model, lead and channel). */
  merge(o: MetricSums): this {
    this.sw += o.sw; this.se += o.se; this.sae += o.sae; this.sse += o.sse;
    this.sfa += o.sfa; this.sff += o.sff; this.saa += o.saa;
    this.observed += o.observed; this.cells += o.cells; this.cases += o.cases;
    return this;
  }

  /** Plain numbers (for sending between workers and ranks). */
  toJSON(): number[] {
    return [this.sw, this.se, this.sae, this.sse, this.sfa, this.sff, this.saa, this.observed, this.cells, this.cases];
  }

  /** The inverse of {@link toJSON}. */
  static fromJSON(v: readonly number[]): MetricSums {
    const s = new MetricSums();
    [s.sw, s.se, s.sae, s.sse, s.sfa, s.sff, s.saa, s.observed, s.cells, s.cases] = v as number[];
    return s;
  }

  /** The metrics (NaN where nothing was observed). */
  result(): ForecastMetrics {
    const n = this.sw;
    const den = Math.sqrt(this.sff * this.saa);
    return {
      rmse: n > 0 ? Math.sqrt(this.sse / n) : NaN, mse: n > 0 ? this.sse / n : NaN, mae: n > 0 ? this.sae / n : NaN,
      bias: n > 0 ? this.se / n : NaN, acc: n > 0 ? (den > 0 ? this.sfa / den : 0) : NaN,
      coverage: this.cells > 0 ? this.observed / this.cells : 0, cases: this.cases,
    };
  }
}

/** Scores of one (model, lead, channel); see {@link MetricSums}. */
export interface ForecastMetrics { rmse: number; mse: number; mae: number; bias: number; acc: number; coverage: number; cases: number }

/** One forecast frame to score against its truth. All arrays are `(C, H·W)` in C order, physical units. */
export interface ScoreFrame {
  forecast: ArrayLike<number>;
  truth: ArrayLike<number>;
  /** Climatology for the truth's time (anomalies for ACC). */
  climatology: ArrayLike<number>;
  /** Observed cells of the truth (1 = observed), `H·W`; see `observedMask`. */
  mask: Uint8Array;
}

/**
 * Adds one frame to per-channel sums `sums[c]`: only cells with mask 1 enter, weighted by
 * `rowWeights[row]` (length H; the grid is H rows of W cells). Non-finite forecasts are an error
 * (a model that diverged must not be scored as if it had skipped cells).
 */
export function accumulateFrame(sums: MetricSums[], f: ScoreFrame, rowWeights: Float64Array): void {
  const C = sums.length, per = f.mask.length, H = rowWeights.length, W = per / H;
  if (!Number.isInteger(W)) throw new Error(`accumulateFrame: ${per} cells do not form ${H} rows`);
  for (const [name, a] of [['forecast', f.forecast], ['truth', f.truth], ['climatology', f.climatology]] as const) {
    if (a.length !== C * per) throw new Error(`accumulateFrame: ${name} has ${a.length} values, expected ${C}×${per}`);
  }
  for (let c = 0; c < C; c++) {
    const s = sums[c]!, base = c * per;
    let sw = 0, se = 0, sae = 0, sse = 0, sfa = 0, sff = 0, saa = 0, nObs = 0;
    for (let r = 0; r < H; r++) {
      const w = rowWeights[r]!;
      for (let i = r * W, end = i + W; i < end; i++) {
        if (!f.mask[i]) continue;
        const fv = f.forecast[base + i]!, ov = f.truth[base + i]!, cv = f.climatology[base + i]!;
        if (!Number.isFinite(fv)) throw new Error(`accumulateFrame: non-finite forecast ${fv} at channel ${c}, cell ${i}`);
        const e = fv - ov, fa = fv - cv, oa = ov - cv;
        sw += w; se += w * e; sae += w * Math.abs(e); sse += w * e * e;
        sfa += w * fa * oa; sff += w * fa * fa; saa += w * oa * oa; nObs++;
      }
    }
    s.sw += sw; s.se += se; s.sae += sae; s.sse += sse; s.sfa += sfa; s.sff += sff; s.saa += saa;
    s.observed += nObs; s.cells += per; s.cases++;
  }
}

/** Skill score 1 − MSE / MSE_baseline (NaN when the baseline is perfect or unscored). */
export function skillScore(mse: number, baselineMse: number): number {
  return baselineMse > 0 && Number.isFinite(baselineMse) && Number.isFinite(mse) ? 1 - mse / baselineMse : NaN;
}
