import { tf } from '@weatherlearn/engine';

/** How {@link clipGradients} clips: torch `clip_grad_norm_` (global), DINO's per-parameter norm, or `clip_grad_value_`. */
export type GradientClipAlgorithm = 'norm' | 'per-parameter' | 'value';

/** Result of {@link clipGradients}: the clipped gradients and the global L2 norm before clipping. */
export interface ClipResult {
  grads: Record<string, tf.Tensor>;
  norm: number;
}

/**
 * Clips gradients keyed by name and returns new tensors; the input tensors are disposed (the
 * caller hands ownership over). `norm`: scale all by `max/(‖g‖+1e-6)` when the global norm exceeds
 * `max`; `per-parameter`: the same per tensor; `value`: clamp every element to [−max, max].
 * `max ≤ 0` disables clipping (the norm is still measured).
 */
export function clipGradients(grads: Record<string, tf.Tensor>, max: number, algorithm: GradientClipAlgorithm = 'norm'): ClipResult {
  const names = Object.keys(grads);
  const sq = names.map((n) => tf.tidy(() => tf.sum(tf.square(grads[n]!))));
  const sqValues = sq.map((t) => t.dataSync()[0]!);
  tf.dispose(sq);
  const norm = Math.sqrt(sqValues.reduce((a, b) => a + b, 0));
  if (!(max > 0)) return { grads, norm };
  const out: Record<string, tf.Tensor> = {};
  names.forEach((n, i) => {
    const g = grads[n]!;
    let scale = 1;
    if (algorithm === 'norm') scale = max / (norm + 1e-6);
    else if (algorithm === 'per-parameter') scale = max / (Math.sqrt(sqValues[i]!) + 1e-6);
    if (algorithm === 'value') {
      out[n] = tf.clipByValue(g, -max, max);
      g.dispose();
    } else if (scale < 1) {
      out[n] = tf.mul(g, scale);
      g.dispose();
    } else {
      out[n] = g;
    }
  });
  return { grads: out, norm };
}
