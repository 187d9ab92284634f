import { tf } from '@weatherlearn/engine';
import type { DataLoader, Metrics, NamedParameter, StepContext, StepOutput, TrainingModule } from './types.js';

/** Averaged gradients (by parameter name), loss and metrics of one optimizer step's micro-batches. */
export interface AccumulatedGradients {
  grads: Record<string, tf.Tensor>;
  loss: number;
  metrics: Metrics;
}

/**
 * Runs `trainingStep` on batches `[from, to)` of `epoch` inside the gradient tape and averages
 * their gradients (gradient accumulation). Batches are disposed as soon as they are used; only the
 * returned gradients stay alive (the caller disposes them).
 */
export async function accumulateGradients<B>(
  module: TrainingModule<B>, params: NamedParameter[], loader: DataLoader<B>,
  from: number, to: number, ctxBase: Omit<StepContext, 'batchIndex' | 'microBatch'>,
): Promise<AccumulatedGradients> {
  const k = to - from;
  const vars = params.map((p) => p.variable);
  let acc: Record<string, tf.Tensor> | null = null;
  let lossSum = 0;
  const sums: Record<string, number> = {};
  for (let i = from; i < to; i++) {
    const batch = await loader.batch(i, ctxBase.epoch);
    let metrics: Metrics | undefined;
    let value: tf.Scalar, grads: tf.NamedTensorMap;
    try {
      ({ value, grads } = tf.variableGrads(() => {
        const out = module.trainingStep(batch, { ...ctxBase, batchIndex: i, microBatch: i - from });
        const o: StepOutput = out instanceof tf.Tensor ? { loss: out } : out;
        if (!(o?.loss instanceof tf.Tensor) || o.loss.rank !== 0) {
          throw new TypeError(`trainingStep must return a scalar loss tensor (or { loss, metrics }), got ${o?.loss instanceof tf.Tensor ? `shape [${o.loss.shape}]` : typeof o?.loss}`);
        }
        metrics = o.metrics;
        return o.loss;
      }, vars));
    } finally {
      tf.dispose(batch as tf.TensorContainer);
    }
    lossSum += (await value.data())[0]!;
    value.dispose();
    for (const [m, v] of Object.entries(metrics ?? {})) {
      if (typeof v !== 'number') throw new TypeError(`trainingStep metric "${m}" must be a plain number, got ${typeof v}`);
      sums[m] = (sums[m] ?? 0) + v;
    }
    const byName: Record<string, tf.Tensor> = {};
    for (const p of params) {
      const g = grads[p.variable.name];
      if (g) byName[p.name] = k === 1 ? g : tf.tidy(() => tf.mul(g, 1 / k));
      if (g && k !== 1) g.dispose();
    }
    if (!acc) {
      acc = byName;
    } else {
      for (const [n, g] of Object.entries(byName)) {
        const prev: tf.Tensor | undefined = acc[n];
        acc[n] = prev ? tf.add(prev, g) : g;
        if (prev) { prev.dispose(); g.dispose(); }
      }
    }
  }
  const metrics: Metrics = {};
  for (const [m, v] of Object.entries(sums)) metrics[m] = v / k;
  return { grads: acc ?? {}, loss: lossSum / k, metrics };
}
