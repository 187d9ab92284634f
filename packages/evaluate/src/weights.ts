/**
 * Area weights of the rows of a regular latitude grid, as WeatherBench weights by latitude: row i
 * covers the cell centred at `latMin + (i + ½)·Δ`, Δ = (latMax − latMin)/H, and gets cos(latitude)
 * normalised so the rows average to 1. On the SuperDARN MLAT grid (50–90°) the polar rows, which
 * cover little area, count for little.
 */
export function latitudeWeights(H: number, latMin: number, latMax: number): Float64Array {
  if (!Number.isInteger(H) || H < 1) throw new Error(`latitudeWeights: H must be a positive integer, got ${H}`);
  if (!(latMin < latMax) || latMin < -90 || latMax > 90) throw new Error(`latitudeWeights: needs -90 ≤ latMin < latMax ≤ 90, got ${latMin}..${latMax}`);
  const d = (latMax - latMin) / H;
  const w = Float64Array.from({ length: H }, (_, i) => Math.max(0, Math.cos(((latMin + (i + 0.5) * d) * Math.PI) / 180)));
  const mean = w.reduce((a, b) => a + b, 0) / H;
  if (!(mean > 0)) throw new Error(`latitudeWeights: every row has zero weight (${latMin}..${latMax})`);
  return w.map((v) => v / mean);
}

/** Weights of 1 for every row (no latitude weighting). */
export function uniformWeights(H: number): Float64Array {
  return new Float64Array(H).fill(1);
}
