import { tf } from '@weatherlearn/engine';

/** Collapse indicators of one batch (logged during training). */
export interface CollapseStats {
  /** Mean entropy (nats) of the teacher's target distribution; → 0 = one-hot, → ln K = uniform. */
  teacherEntropy: number;
  /** `ln K`, the entropy of a uniform prediction (a loss stuck there is the known collapse). */
  maxEntropy: number;
  /** Fraction of teacher targets not on the most popular prototype (0 = all samples collapsed onto one). */
  teacherSpread: number;
  /** Mean over dimensions of the per-dimension std of the L2-normalised embeddings; → 0 = collapse. */
  embeddingStd: number;
  /** Smallest per-dimension std of the embeddings. */
  minDimStd: number;
}

/** Mean row entropy of a probability matrix `[N, K]`. */
export function meanEntropy(probs: tf.Tensor2D): number {
  const t = tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(probs, tf.log(tf.add(probs, 1e-12))), -1))));
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
}

/** Fraction of rows whose arg-max differs from the most common arg-max (0 = every sample on one prototype). */
export function argmaxSpread(probs: tf.Tensor2D): number {
  const t = tf.argMax(probs, -1);
  const idx = t.dataSync();
  t.dispose();
  const counts = new Map<number, number>();
  for (const i of idx) counts.set(i, (counts.get(i) ?? 0) + 1);
  return 1 - Math.max(...counts.values()) / idx.length;
}

/** Per-dimension std (population) of L2-normalised rows of `x` `[N, D]`: mean and minimum over D. */
export function perDimStd(x: tf.Tensor2D): { mean: number; min: number } {
  const s = tf.tidy(() => {
    const n = tf.div(x, tf.maximum(tf.sqrt(tf.sum(tf.square(x), -1, true)), 1e-12));
    return tf.sqrt(tf.moments(n, 0).variance);
  });
  const d = s.dataSync() as Float32Array;
  s.dispose();
  let sum = 0;
  let min = Infinity;
  for (const v of d) {
    sum += v;
    min = Math.min(min, v);
  }
  return { mean: sum / d.length, min };
}

/** Collapse statistics from the teacher targets `[2B, K]` and backbone embeddings `[N, D]`. */
export function collapseStats(teacherProbs: tf.Tensor2D, embeddings: tf.Tensor2D): CollapseStats {
  const s = perDimStd(embeddings);
  return { teacherEntropy: meanEntropy(teacherProbs), teacherSpread: argmaxSpread(teacherProbs), maxEntropy: Math.log(teacherProbs.shape[1]), embeddingStd: s.mean, minDimStd: s.min };
}
