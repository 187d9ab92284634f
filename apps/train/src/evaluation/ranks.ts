import { MetricSums, type ScorecardAccumulator } from '@weatherlearn/evaluate';
import type { Collective } from '@weatherlearn/trainer';

/** Rank `rank` of `worldSize` takes items rank, rank + worldSize, … (the union is the list, no overlap). */
export function rankShare<T>(items: readonly T[], rank: number, worldSize: number): T[] {
  return items.filter((_, i) => i % worldSize === rank);
}

const FIELDS = 10; // MetricSums.toJSON() length

/**
 * Replaces every rank's scorecard sums by their total over all ranks. `keys` lists the
 * (model, lead) pairs in the same order on every rank. Sums are float64; the collective moves
 * float32, so each rank in turn broadcasts its sums as float32 (hi, lo) pairs (x ≈ hi + lo to ~2⁻⁴⁸
 * relative; counts below 2⁴⁸ exactly), and every rank adds them up in rank order — so all ranks end
 * with the same totals.
 */
export async function allReduceScorecard(card: ScorecardAccumulator, keys: readonly (readonly [string, number])[], c: Collective): Promise<void> {
  const C = card.channels.length, len = keys.length * C * FIELDS;
  const mine = new Float64Array(len), total = new Float64Array(len);
  keys.forEach(([m, l], k) => card.get(m, l).forEach((s, ch) => mine.set(s.toJSON(), (k * C + ch) * FIELDS)));
  for (let root = 0; root < c.worldSize; root++) {
    const hi = new Float32Array(len), lo = new Float32Array(len);
    if (c.rank === root) for (let i = 0; i < len; i++) { hi[i] = Math.fround(mine[i]!); lo[i] = Math.fround(mine[i]! - hi[i]!); }
    await c.broadcast([hi, lo], root);
    for (let i = 0; i < len; i++) total[i]! += hi[i]! + lo[i]!;
  }
  keys.forEach(([m, l], k) => card.get(m, l).forEach((s, ch) => Object.assign(s, MetricSums.fromJSON(Array.from(total.subarray((k * C + ch) * FIELDS, (k * C + ch + 1) * FIELDS))))));
}
