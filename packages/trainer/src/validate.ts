import { tf } from '@weatherlearn/engine';
import type { DataLoader, Metrics, TrainingModule } from './types.js';

/** Per-key sums of the metrics `validationStep` returned and how many batches returned each key. */
export interface ValidationTotals {
  sums: Record<string, number>;
  counts: Record<string, number>;
}

/** Runs `validationStep` over the first `n` batches of `loader` (epoch 0) and sums each metric. */
export async function validationTotals<B>(module: TrainingModule<B>, loader: DataLoader<B>, n: number): Promise<ValidationTotals> {
  if (!module.validationStep) throw new Error('a validation loader was given but the module has no validationStep()');
  const sums: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const batch = await loader.batch(i, 0);
    try {
      const m = await module.validationStep(batch);
      for (const [k, v] of Object.entries(m)) {
        if (typeof v !== 'number') throw new TypeError(`validationStep returned a non-number for "${k}" (${typeof v}); return plain numbers`);
        sums[k] = (sums[k] ?? 0) + v;
        counts[k] = (counts[k] ?? 0) + 1;
      }
    } finally {
      tf.dispose(batch as tf.TensorContainer);
    }
  }
  return { sums, counts };
}

/**
 * The logged validation metrics of `totals`: each module's {@link TrainingModule.pooledSkills} entry
 * as 1 − Σ model / Σ baseline over every batch (none where Σ baseline is not > 0; its two sum keys are
 * not logged), every other key averaged over the batches that returned it. Keys get a `val_` prefix
 * unless they already start with `val`.
 */
export function validationMetrics<B>(module: TrainingModule<B>, { sums, counts }: ValidationTotals): Metrics {
  const out: Metrics = {};
  const name = (k: string) => (k.startsWith('val') ? k : `val_${k}`);
  const pooled = Object.entries(module.pooledSkills ?? {});
  const consumed = new Set(pooled.flatMap(([, p]) => [p.model, p.baseline]));
  for (const k of Object.keys(sums)) if (!consumed.has(k)) out[name(k)] = sums[k]! / counts[k]!;
  for (const [k, p] of pooled) {
    const m = sums[p.model], b = sums[p.baseline];
    if (m !== undefined && b !== undefined && b > 0 && Number.isFinite(m)) out[name(k)] = 1 - m / b;
  }
  return out;
}

/**
 * Runs `validationStep` over (at most `limit`, 0 = all) batches of `loader` (epoch 0, so the
 * validation set is the same every time): see {@link validationMetrics}.
 */
export async function runValidation<B>(module: TrainingModule<B>, loader: DataLoader<B>, limit: number): Promise<Metrics> {
  const n = limit > 0 ? Math.min(limit, loader.length) : loader.length;
  return validationMetrics(module, await validationTotals(module, loader, n));
}
