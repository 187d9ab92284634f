// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:cosine_scheduler
/**
 * `utils.cosine_scheduler`: one value per iteration — a linear warm-up from `startWarmupValue` to
 * `baseValue` over `warmupEpochs·nIterPerEp` iterations (numpy `linspace`, end included), then a
 * half cosine from `baseValue` to `finalValue` over the remaining iterations.
 */
export function cosineScheduler(
  baseValue: number,
  finalValue: number,
  epochs: number,
  nIterPerEp: number,
  warmupEpochs = 0,
  startWarmupValue = 0,
): Float64Array {
  const total = epochs * nIterPerEp;
  const warm = Math.min(warmupEpochs * nIterPerEp, total);
  const out = new Float64Array(total);
  for (let i = 0; i < warm; i++) {
    out[i] = warm === 1 ? startWarmupValue : startWarmupValue + ((baseValue - startWarmupValue) * i) / (warm - 1);
  }
  const n = total - warm;
  for (let i = 0; i < n; i++) out[warm + i] = finalValue + 0.5 * (baseValue - finalValue) * (1 + Math.cos((Math.PI * i) / n));
  return out;
}
