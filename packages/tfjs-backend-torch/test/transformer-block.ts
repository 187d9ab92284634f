/**
 * A pre-norm transformer block (layer norm, 3-head attention, GELU MLP) and one Adam training step,
 * shared by the equivalence test and the benchmark. Parameters are deterministic.
 */
import { Adam, tf } from '@weatherlearn/engine';

/** Block sizes: batch, tokens, channels, heads, MLP width. */
export interface BlockDims { B: number; T: number; C: number; H: number; M: number }

function det(shape: number[], seed: number, scale: number): tf.Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) { s = (s * 1664525 + 1013904223) >>> 0; v[i] = (s / 2 ** 31 - 1) * scale; }
  return tf.tensor(v, shape);
}

/** Creates the block's variables and its forward function. */
export function makeBlock({ B, T, C, H, M }: BlockDims) {
  const D = C / H;
  const v = (shape: number[], seed: number, scale = 0.05) => tf.variable(det(shape, seed, scale));
  const ones = (n: number) => tf.variable(tf.ones([n])), zeros = (n: number) => tf.variable(tf.zeros([n]));
  const p = {
    g1: ones(C), b1: zeros(C), wqkv: v([C, 3 * C], 1), bqkv: zeros(3 * C), wo: v([C, C], 2), bo: zeros(C),
    g2: ones(C), b2: zeros(C), w1: v([C, M], 3), bm1: zeros(M), w2: v([M, C], 4), bm2: zeros(C),
  };
  const ln = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), g), b);
  };
  const heads = (x: tf.Tensor) => tf.transpose(tf.reshape(x, [B, T, H, D]), [0, 2, 1, 3]);
  const forward = (x: tf.Tensor): tf.Tensor => {
    const qkv = tf.add(tf.matMul(ln(x, p.g1, p.b1), p.wqkv), p.bqkv);
    const [q, k, v2] = tf.split(qkv, 3, -1).map(heads) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const att = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(D)));
    const o = tf.reshape(tf.transpose(tf.matMul(att, v2), [0, 2, 1, 3]), [B, T, C]);
    const x1 = tf.add(x, tf.add(tf.matMul(o, p.wo), p.bo));
    const h = tf.add(tf.matMul(ln(x1, p.g2, p.b2), p.w1), p.bm1);
    const g = tf.mul(tf.mul(h, 0.5), tf.add(1, tf.erf(tf.div(h, Math.SQRT2))));
    return tf.add(x1, tf.add(tf.matMul(g, p.w2), p.bm2));
  };
  return { p, forward };
}

/** Builds block + data + Adam; `step()` runs one training step and returns the loss. */
export function makeTrainer(dims: BlockDims, lr = 1e-3) {
  const { p, forward } = makeBlock(dims);
  const x = det([dims.B, dims.T, dims.C], 7, 1), target = det([dims.B, dims.T, dims.C], 8, 1);
  // The project's one optimizer (torch.optim.Adam's arithmetic; fused into one native call on torch).
  const params = Object.entries(p).map(([name, variable]) => ({ name, variable }));
  const opt = new Adam(params, { lr });
  const step = (): number => {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(forward(x), target))) as tf.Scalar, params.map((q) => q.variable));
    opt.step(Object.fromEntries(params.map((q) => [q.name, grads[q.variable.name]])));
    const v = value.dataSync()[0]!;
    tf.dispose([value, ...Object.values(grads)]);
    return v;
  };
  const dispose = () => { tf.dispose([x, target, ...Object.values(p)]); opt.dispose(); };
  return { p, step, dispose };
}
