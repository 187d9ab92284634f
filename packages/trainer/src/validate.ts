import { tf } from '@weatherlearn/engine';
import type { DataLoader, Metrics, TrainingModule } from './types.js';

/**
 * Runs `validationStep` over (at most `limit`, 0 = all) batches of `loader` (epoch 0, so the
 * validation set is the same every time) and averages each metric. Keys get a `val_` prefix unless
 * they already start with `val`.
 */
export async function runValidation<B>(module: TrainingModule<B>, loader: DataLoader<B>, limit: number): Promise<Metrics> {
  if (!module.validationStep) throw new Error('a validation loader was given but the module has no validationStep()');
  const n = limit > 0 ? Math.min(limit, loader.length) : loader.length;
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
  const out: Metrics = {};
  for (const k of Object.keys(sums)) out[k.startsWith('val') ? k : `val_${k}`] = sums[k]! / counts[k]!;
  return out;
}
