import { shardLoader, type Collective } from './collective.js';
import { validationMetrics, validationTotals } from './validate.js';
import type { DataLoader, Metrics, TrainingModule } from './types.js';

/**
 * {@link runValidation} across ranks: each rank validates its shard of the (at most `limit`)
 * validation batches and the per-key sums and batch counts are summed over the ranks, so averages
 * are weighted by batch count, pooled skills pool every rank's squared errors, and every rank sees
 * the same numbers (early stopping and best-checkpoint decisions stay in lock step). With fewer
 * batches than ranks, every rank validates all of them and the (identical) totals are used once.
 */
export async function runValidationDistributed<B>(module: TrainingModule<B>, loader: DataLoader<B>, limit: number, c: Collective): Promise<Metrics> {
  const total = limit > 0 ? Math.min(limit, loader.length) : loader.length;
  const sharded = total >= c.worldSize;
  const mine = sharded ? Math.ceil((total - c.rank) / c.worldSize) : total;
  const { sums, counts } = await validationTotals(module, sharded ? shardLoader(loader, c.rank, c.worldSize, false) : loader, mine);
  const keys = Object.keys(sums).sort();
  // allReduceMean × worldSize = the sum over ranks (identical unsharded totals: the mean is the total)
  const scale = sharded ? c.worldSize : 1;
  const buf = new Float32Array([keys.length, ...keys.map((k) => sums[k]! * scale), ...keys.map((k) => counts[k]! * scale)]);
  await c.allReduceMean([buf]);
  if (Math.abs(buf[0]! - keys.length) > 1e-3) throw new Error(`rank ${c.rank}: validation returned ${keys.length} metric(s) (${keys.join(', ')}) but other ranks returned a different set`);
  const reduced = { sums: {} as Record<string, number>, counts: {} as Record<string, number> };
  keys.forEach((k, i) => { reduced.sums[k] = buf[1 + i]!; reduced.counts[k] = buf[1 + keys.length + i]!; });
  return validationMetrics(module, reduced);
}
