import { tf } from '@weatherlearn/engine';

const prod = (a: readonly number[]): number => a.reduce((p, q) => p * q, 1);

/**
 * `tf.transpose` for any rank, as a sequence of rank-4 block swaps when the rank exceeds 5:
 * tfjs-backend-wasm transposes rank ≤ 5 natively but falls back to a per-element loop beyond
 * (~100× slower). Each step moves the next target axis in front of the not-yet-placed ones with a
 * `(A, X, Y, Z) → (A, Y, X, Z)` transpose; gradients flow through the same rank-4 ops.
 */
export function transposeAny(x: tf.Tensor, perm: number[]): tf.Tensor {
  if (x.rank <= 5) return tf.transpose(x, perm);
  const shape = x.shape;
  let cur = shape.map((_, i) => i);
  let y = x;
  for (let i = 0; i < perm.length; i++) {
    const j = cur.indexOf(perm[i]!);
    if (j === i) continue;
    const sizes = cur.map((a) => shape[a]!);
    const A = prod(sizes.slice(0, i)), X = prod(sizes.slice(i, j)), Y = sizes[j]!, Z = prod(sizes.slice(j + 1));
    y = tf.transpose(tf.reshape(y, [A, X, Y, Z]), [0, 2, 1, 3]);
    cur = [...cur.slice(0, i), cur[j]!, ...cur.slice(i, j), ...cur.slice(j + 1)];
  }
  return tf.reshape(y, perm.map((a) => shape[a]!));
}

/**
 * Reshape to `shape`, transpose by `perm`, and optionally reshape again to `out`: the
 * patch/window re-layouts of the model in one call (functional ops: tfjs-core has no chained ops here).
 */
export function permute(x: tf.Tensor, shape: number[], perm: number[], out?: number[]): tf.Tensor {
  const y = transposeAny(tf.reshape(x, shape), perm);
  return out ? tf.reshape(y, out) : y;
}

/**
 * `size` elements from `begin` along one axis, through a rank-3 view (tfjs-backend-wasm slices
 * rank ≤ 4 natively, higher ranks element by element).
 */
export function sliceAxis<T extends tf.Tensor>(x: T, axis: number, begin: number, size: number): T {
  const s = x.shape;
  if (begin === 0 && size === s[axis]) return x;
  const v = tf.reshape(x, [prod(s.slice(0, axis)), s[axis]!, prod(s.slice(axis + 1))]);
  const out = [...s];
  out[axis] = size;
  return tf.reshape(tf.slice(v, [0, begin, 0], [-1, size, -1]), out) as T;
}

/** Concatenation along one axis through rank-3 views (see {@link sliceAxis}). */
export function concatAxis<T extends tf.Tensor>(xs: T[], axis: number): T {
  const s = xs[0]!.shape;
  const views = xs.map((x) => tf.reshape(x, [prod(s.slice(0, axis)), x.shape[axis]!, prod(s.slice(axis + 1))]));
  const out = [...s];
  out[axis] = xs.reduce((n, x) => n + x.shape[axis]!, 0);
  return tf.reshape(tf.concat(views, 1), out) as T;
}
