/**
 * Names of the fused training kernels. The engine's fused ops ({@link layerNorm}, {@link gelu},
 * {@link linear}, {@link attentionProbs}) and the fused Adam step call a backend kernel of this name
 * when the active backend registers one (the libtorch backend does: one native call forward, one
 * backward) and otherwise run their composite form (the same ops autodiffed) — one code path for
 * every backend.
 */
import { tf } from '../tf.js';

/** Kernel names shared by the engine (callers, gradients) and the backends that implement them. */
export const FUSED_KERNELS = Object.freeze({
  /** inputs `x, gamma, beta`, attr `eps` → `y` (normalised over the last axis). */
  layerNorm: 'WlLayerNorm',
  /** inputs `dy, x, gamma, beta`, attr `eps` → `[dx, dgamma, dbeta]`. */
  layerNormGrad: 'WlLayerNormGrad',
  /** input `x` → exact (erf) GELU. */
  gelu: 'WlGelu',
  /** inputs `dy, x` → `dx`. */
  geluGrad: 'WlGeluGrad',
  /** inputs `x` (2-D), `weight` `[out, in]`, optional `bias` → `x·Wᵀ + b`. */
  linear: 'WlLinear',
  /** inputs `q, k`, optional `bias, mask`; attrs `scale, scaleQ` → `softmax(scale·q·kᵀ + bias + mask)`. */
  attnProbs: 'WlAttnProbs',
  /** inputs `dy, probs, q, k`, attr `scale` → `[dq, dk, dScores]`. */
  attnProbsGrad: 'WlAttnProbsGrad',
  /**
   * inputs `p0, g0, m0, v0, p1, …`; attrs `scalars` (7 per parameter, see the Adam core) and
   * `decoupled` → `[p0', m0', v0', p1', …]`.
   */
  adamStep: 'WlAdamStep',
});

let enabled = true;

/**
 * Turns the fused kernels off (composite ops everywhere) or back on; returns the previous setting.
 * For tests and benchmarks that compare both forms on one backend.
 */
export function setFusedKernels(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Whether fused kernels are enabled and the active backend implements `kernelName`. */
export function hasFusedKernel(kernelName: string): boolean {
  if (!enabled) return false;
  const backend = tf.getBackend();
  return backend != null && tf.getKernel(kernelName, backend) != null;
}

const registered = new Set<string>();

/** Registers a gradient once (the registry is global; fused ops call this lazily). */
export function ensureGradient(config: tf.GradConfig): void {
  if (registered.has(config.kernelName)) return;
  registered.add(config.kernelName);
  if (!tf.getGradient(config.kernelName)) tf.registerGradient(config);
}

/** Runs a fused kernel through the engine (recorded on the tape like any tfjs op). */
export function runFused<T extends tf.Tensor | tf.Tensor[]>(kernelName: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown> = {}): T {
  return tf.engine().runKernel(kernelName, inputs as unknown as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as unknown as T;
}

/**
 * Sums a gradient computed for the broadcast shape back to an input's `shape` (as tfjs' Add does).
 */
export function reduceToShape(g: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, g.shape);
  return tf.reshape(axes.length > 0 ? tf.sum(g, axes) : g, shape);
}
