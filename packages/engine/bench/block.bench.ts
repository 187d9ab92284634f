/**
 * One pre-norm transformer-block training step (batch 8 × 64 tokens × 192 dims, 3 heads, MLP 768,
 * GELU, Adam) per available backend, in steps/s. On wasm it is also run with the backend's own
 * BatchMatMul (transposed paths unfixed) for comparison.
 */
import { Adam, initEngine, tf, withOriginalKernel } from '../src/index.js';

interface Row { name: string; value: number; unit: string }

const B = 8, T = 64, C = 192, H = 3, D = C / H, M = 768;

function makeBlock() {
  const v = (shape: number[], seed: number, scale = 0.02) => tf.variable(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale));
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

async function stepsPerSecond(timedSteps: number): Promise<number> {
  const { p, forward } = makeBlock();
  const x = tf.randomNormal([B, T, C], 0, 1, 'float32', 7), target = tf.randomNormal([B, T, C], 0, 1, 'float32', 8);
  const params = Object.entries(p).map(([name, variable]) => ({ name, variable }));
  const opt = new Adam(params, { lr: 1e-3 });
  const step = () => {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(forward(x), target))) as tf.Scalar, params.map((q) => q.variable));
    opt.step(Object.fromEntries(params.map((q) => [q.name, grads[q.variable.name]])));
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  step(); // warm-up (allocates Adam slots)
  const t0 = performance.now();
  for (let i = 0; i < timedSteps; i++) step();
  const sps = timedSteps / ((performance.now() - t0) / 1000);
  tf.dispose([x, target, ...Object.values(p)]); opt.dispose();
  return sps;
}

export default async function (): Promise<Row[]> {
  const rows: Row[] = [];
  await initEngine({ backend: 'wasm' });
  rows.push({ name: 'transformer block train step wasm', value: await stepsPerSecond(5), unit: 'steps/s' });
  rows.push({ name: 'transformer block train step wasm, unfixed BatchMatMul', value: await withOriginalKernel('wasm', 'BatchMatMul', () => stepsPerSecond(3)), unit: 'steps/s' });
  await initEngine({ backend: 'cpu' });
  rows.push({ name: 'transformer block train step cpu', value: await stepsPerSecond(1), unit: 'steps/s' });
  return rows;
}
