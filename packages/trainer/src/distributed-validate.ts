import { shardLoader, type Collective } from './collective.js';
import { runValidation } from './validate.js';
import type { DataLoader, Metrics, TrainingModule } from './types.js';

/**
 * {@link runValidation} across ranks: each rank validates its shard of the (at most `limit`)
 * validation batches and the metrics are averaged weighted by batch count, so every rank sees the
 * same numbers (early stopping and best-checkpoint decisions stay in lock step). With fewer batches
 * than ranks, every rank validates all of them and the (identical) results are still averaged.
 */
export async function runValidationDistributed<B>(module: TrainingModule<B>, loader: DataLoader<B>, limit: number, c: Collective): Promise<Metrics> {
  const total = limit > 0 ? Math.min(limit, loader.length) : loader.length;
  const sharded = total >= c.worldSize;
  const mine = sharded ? Math.ceil((total - c.rank) / c.worldSize) : total;
  const m = await runValidation(module, sharded ? shardLoader(loader, c.rank, c.worldSize, false) : loader, mine);
  const keys = Object.keys(m).sort();
  const weight = sharded ? (mine * c.worldSize) / total : 1;
  const buf = new Float32Array([keys.length, ...keys.map((k) => m[k]! * weight)]);
  await c.allReduceMean([buf]);
  if (Math.abs(buf[0]! - keys.length) > 1e-3) throw new Error(`rank ${c.rank}: validation returned ${keys.length} metric(s) (${keys.join(', ')}) but other ranks returned a different set`);
  const out: Metrics = {};
  keys.forEach((k, i) => { out[k] = buf[1 + i]!; });
  return out;
}
