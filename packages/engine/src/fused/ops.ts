/**
 * Fused LayerNorm, GELU and Linear with their gradients: one backend kernel each way where the
 * active backend offers it (see {@link FUSED_KERNELS}), else the composite ops (autodiffed).
 */
import { tf } from '../tf.js';
import { FUSED_KERNELS as K, ensureGradient, hasFusedKernel, runFused } from './kernels.js';

/** The composite layer norm (the reference form every backend can run). */
export function layerNormComposite(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  return tf.tidy(() => {
    const mean = tf.mean(x, -1, true);
    const xc = tf.sub(x, mean);
    const variance = tf.mean(tf.square(xc), -1, true);
    return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(variance, eps))), gamma), beta);
  });
}

/**
 * Layer normalisation of the last axis: (x − mean)/√(var + eps)·γ + β (biased variance, as
 * PyTorch's `F.layer_norm`). The backward pass keeps only `x`, γ and β (mean and 1/σ are recomputed).
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor {
  if (!hasFusedKernel(K.layerNorm)) return layerNormComposite(x, gamma, beta, eps);
  ensureGradient({
    kernelName: K.layerNorm,
    inputsToSave: ['x', 'gamma', 'beta'],
    gradFunc: (dy, saved, attrs) => {
      const [x0, g0, b0] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      const [dx, dg, db] = runFused<tf.Tensor[]>(K.layerNormGrad, { dy: dy as tf.Tensor, x: x0, gamma: g0, beta: b0 }, { eps: (attrs as { eps: number }).eps });
      return { x: () => dx!, gamma: () => dg!, beta: () => db! };
    },
  });
  return runFused<tf.Tensor>(K.layerNorm, { x, gamma, beta }, { eps });
}

/** The composite GELU `0.5·x·(1 + erf(x/√2))`. */
export function geluComposite(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1)));
}

/** Exact GELU, `x·Φ(x) = 0.5·x·(1 + erf(x/√2))` — PyTorch `F.gelu` (approximate='none'). */
export function gelu(x: tf.Tensor): tf.Tensor {
  if (!hasFusedKernel(K.gelu)) return geluComposite(x);
  ensureGradient({
    kernelName: K.gelu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => runFused<tf.Tensor>(K.geluGrad, { dy: dy as tf.Tensor, x: saved[0]! }) }),
  });
  return runFused<tf.Tensor>(K.gelu, { x });
}

function linear2d(x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor | null): tf.Tensor {
  if (!hasFusedKernel(K.linear)) {
    const y = tf.matMul(x, weight, false, true);
    return bias ? tf.add(y, bias) : y;
  }
  ensureGradient({
    kernelName: K.linear,
    inputsToSave: ['x', 'weight'],
    gradFunc: (dy, saved) => {
      const [x0, w0] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return { x: () => tf.matMul(g, w0), weight: () => tf.matMul(g, x0, true, false), bias: () => tf.sum(g, 0) };
    },
  });
  return runFused<tf.Tensor>(K.linear, bias ? { x, weight, bias } : { x, weight });
}

/**
 * `y = x Wᵀ + b` on the last axis of any-rank `x`, with a PyTorch-layout weight `[out, in]` (also
 * used by convolutions written as matMuls: patch embeddings pass their kernel viewed as 2-D).
 * @throws Error when the feature sizes differ
 */
export function linear(x: tf.Tensor, weight: tf.Tensor2D, bias: tf.Tensor | null): tf.Tensor {
  return tf.tidy(() => {
    const [outF, inF] = weight.shape;
    if (x.shape[x.rank - 1] !== inF) throw new Error(`linear: input has ${x.shape[x.rank - 1]} features, the weight [${outF}, ${inF}] expects ${inF}`);
    const lead = x.shape.slice(0, -1);
    return tf.reshape(linear2d(tf.reshape(x, [-1, inF]) as tf.Tensor2D, weight, bias), [...lead, outF]);
  });
}
