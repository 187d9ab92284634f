/**
 * The attention core shared by DINO's `Attention` and Pangu's `EarthAttention3D`:
 * `softmax(scale·q·kᵀ + bias + mask)·v`. The probabilities are one backend kernel each way where the
 * active backend offers it ({@link FUSED_KERNELS}.attnProbs), else composite ops (autodiffed).
 */
import { tf } from '../tf.js';
import { FUSED_KERNELS as K, ensureGradient, hasFusedKernel, reduceToShape, runFused } from './kernels.js';

/** Options of {@link attentionProbs} and {@link attention}. */
export interface AttentionOptions {
  /** Multiplies the scores (`head_dim^-0.5` usually). */
  scale: number;
  /**
   * Scale `q` before the product (Pangu's `q = q·scale; q@kᵀ`) instead of the product (ViT's
   * `(q@kᵀ)·scale`); the two differ only in rounding. Default false.
   */
  scaleQ?: boolean;
  /** Added to the scores; broadcasts to `[...lead, N, Nk]` (e.g. a position bias). Gets a gradient. */
  bias?: tf.Tensor | null;
  /** Added after the bias; broadcasts to the scores (e.g. a shifted-window mask). */
  mask?: tf.Tensor | null;
  /** Applied to the probabilities before `·v` (attention dropout), when given. */
  dropout?: (probs: tf.Tensor) => tf.Tensor;
}

function checkShapes(q: tf.Tensor, k: tf.Tensor): number[] {
  if (q.rank < 3 || k.rank !== q.rank || !tf.util.arraysEqual(q.shape.slice(0, -2), k.shape.slice(0, -2)) || q.shape[q.rank - 1] !== k.shape[k.rank - 1]) {
    throw new Error(`attention: q [${q.shape}] and k [${k.shape}] need equal leading dimensions and head size (rank ≥ 3)`);
  }
  return [...q.shape.slice(0, -1), k.shape[k.rank - 2]!];
}

/** Adds `t` (broadcast) to scores `s` of shape `full`, flattening the two key axes when `t` ends in them. */
function addBroadcast(s: tf.Tensor, t: tf.Tensor, full: number[]): tf.Tensor {
  const [n, nk] = full.slice(-2) as [number, number];
  if (t.rank >= 2 && t.shape[t.rank - 2] === n && t.shape[t.rank - 1] === nk) {
    // ranks ≤ 5 keep the wasm backend on its native broadcasting paths
    const r = tf.add(tf.reshape(s, [...full.slice(0, -2), n * nk]), tf.reshape(t, [...t.shape.slice(0, -2), n * nk]));
    return tf.reshape(r, full);
  }
  return tf.add(s, t);
}

function probsComposite(q: tf.Tensor, k: tf.Tensor, o: AttentionOptions, full: number[]): tf.Tensor {
  const [n, d] = q.shape.slice(-2) as [number, number];
  const nk = full[full.length - 1]!;
  const q3 = tf.reshape(q, [-1, n, d]) as tf.Tensor3D, k3 = tf.reshape(k, [-1, nk, d]) as tf.Tensor3D;
  let s: tf.Tensor = o.scaleQ ? tf.matMul(tf.mul(q3, o.scale), k3, false, true) : tf.mul(tf.matMul(q3, k3, false, true), o.scale);
  s = tf.reshape(s, full);
  if (o.bias) s = addBroadcast(s, o.bias, full);
  if (o.mask) s = addBroadcast(s, o.mask, full);
  return tf.reshape(tf.softmax(tf.reshape(s, [-1, n, nk])), full);
}

function broadcastsInto(t: tf.Tensor | null | undefined, full: number[]): boolean {
  if (!t) return true;
  try {
    return tf.util.arraysEqual(tf.backend_util.assertAndGetBroadcastShape(t.shape, full), full);
  } catch {
    return false;
  }
}

/**
 * `softmax(scale·q·kᵀ + bias + mask)` over the last axis, for `q` `[...lead, N, d]` and `k`
 * `[...lead, Nk, d]` → `[...lead, N, Nk]`. Gradients reach `q`, `k` and `bias` (and `mask`).
 * @throws Error on mismatched `q`/`k` shapes
 */
export function attentionProbs(q: tf.Tensor, k: tf.Tensor, o: AttentionOptions): tf.Tensor {
  const full = checkShapes(q, k);
  return tf.tidy(() => {
    if (!hasFusedKernel(K.attnProbs) || !broadcastsInto(o.bias, full) || !broadcastsInto(o.mask, full)) return probsComposite(q, k, o, full);
    ensureGradient({
      kernelName: K.attnProbs,
      inputsToSave: ['q', 'k'],
      outputsToSave: [true],
      gradFunc: (dy, saved, attrs) => {
        const [q0, k0, p0] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const a = attrs as unknown as { scale: number; biasShape: number[] | null; maskShape: number[] | null };
        const [dq, dk, ds] = runFused<tf.Tensor[]>(K.attnProbsGrad, { dy: dy as tf.Tensor, probs: p0, q: q0, k: k0 }, { scale: a.scale });
        return {
          q: () => dq!, k: () => dk!,
          bias: () => reduceToShape(ds!, a.biasShape!), mask: () => reduceToShape(ds!, a.maskShape!),
        };
      },
    });
    const inputs: Record<string, tf.Tensor> = { q, k };
    if (o.bias) inputs.bias = o.bias;
    if (o.mask) inputs.mask = o.mask;
    return runFused<tf.Tensor>(K.attnProbs, inputs, { scale: o.scale, scaleQ: o.scaleQ ?? false, biasShape: o.bias?.shape ?? null, maskShape: o.mask?.shape ?? null });
  });
}

/**
 * Scaled dot-product attention `softmax(scale·q·kᵀ + bias + mask)·v` for `[...lead, N, d]` inputs;
 * returns the output `[...lead, N, dv]` and the probabilities `[...lead, N, Nk]` (before dropout).
 */
export function attention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, o: AttentionOptions): { out: tf.Tensor; probs: tf.Tensor } {
  return tf.tidy(() => {
    const probs = attentionProbs(q, k, o);
    const p = o.dropout ? o.dropout(probs) : probs;
    const [n, nk] = probs.shape.slice(-2) as [number, number];
    const dv = v.shape[v.rank - 1]!;
    const out = tf.matMul(tf.reshape(p, [-1, n, nk]) as tf.Tensor3D, tf.reshape(v, [-1, nk, dv]) as tf.Tensor3D);
    return { out: tf.reshape(out, [...probs.shape.slice(0, -1), dv]), probs };
  });
}
