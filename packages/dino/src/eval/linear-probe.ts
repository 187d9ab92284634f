import { tf, Adam } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';

/** Options of {@link linearProbe}. */
export interface LinearProbeOptions {
  numClasses: number;
  epochs: number;
  lr: number;
  batchSize: number;
  weightDecay: number;
  seed: number;
}

/** Defaults: 100 epochs of Adam (lr 1e-2) on standardised frozen features, batch 256. */
export const DEFAULT_LINEAR_PROBE_OPTIONS: Omit<LinearProbeOptions, 'numClasses'> = { epochs: 100, lr: 1e-2, batchSize: 256, weightDecay: 0, seed: 0 };

/** Accuracies of a linear probe. */
export interface LinearProbeResult {
  trainAccuracy: number;
  testAccuracy: number;
  finalLoss: number;
}

/**
 * Linear evaluation: a softmax classifier trained on frozen features (standardised with the
 * training mean/std), reporting train and test top-1 accuracy.
 */
export function linearProbe(
  trainFeatures: tf.Tensor2D,
  trainLabels: Int32Array,
  testFeatures: tf.Tensor2D,
  testLabels: Int32Array,
  options: Partial<LinearProbeOptions> & { numClasses: number },
): LinearProbeResult {
  const o = { ...DEFAULT_LINEAR_PROBE_OPTIONS, ...options };
  const [N, D] = trainFeatures.shape;
  if (trainLabels.length !== N || testLabels.length !== testFeatures.shape[0]) throw new Error('linearProbe: features and labels differ in length');
  const { mean, variance } = tf.moments(trainFeatures, 0);
  const std = tf.add(tf.sqrt(variance), 1e-6);
  const xs = tf.div(tf.sub(trainFeatures, mean), std) as tf.Tensor2D;
  const xt = tf.div(tf.sub(testFeatures, mean), std) as tf.Tensor2D;
  const ys = tf.oneHot(tf.tensor1d(trainLabels, 'int32'), o.numClasses);
  const W = tf.variable(tf.zeros([D, o.numClasses]));
  const b = tf.variable(tf.zeros([o.numClasses]));
  const opt = new Adam([{ name: 'W', variable: W }, { name: 'b', variable: b }], { lr: o.lr });
  const rng = new Rng(o.seed);
  const order = Array.from({ length: N }, (_, i) => i);
  let finalLoss = NaN;
  for (let e = 0; e < o.epochs; e++) {
    rng.shuffle(order);
    for (let s = 0; s < N; s += o.batchSize) {
      const idx = tf.tensor1d(order.slice(s, s + o.batchSize), 'int32');
      const { value: loss, grads } = tf.variableGrads(() => tf.tidy(() => {
        const x = tf.gather(xs, idx);
        const y = tf.gather(ys, idx);
        const ce = tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x, W), b));
        return o.weightDecay > 0 ? tf.add(ce, tf.mul(tf.sum(tf.square(W)), o.weightDecay)) as tf.Scalar : ce as tf.Scalar;
      }), [W, b]);
      opt.step({ W: grads[W.name], b: grads[b.name] });
      finalLoss = loss.dataSync()[0]!;
      tf.dispose([loss, idx, ...Object.values(grads)]);
    }
  }
  const acc = (x: tf.Tensor2D, labels: Int32Array) => {
    const pred = tf.tidy(() => tf.argMax(tf.add(tf.matMul(x, W), b), 1));
    const p = pred.dataSync();
    pred.dispose();
    let c = 0;
    for (let i = 0; i < labels.length; i++) if (p[i] === labels[i]) c++;
    return c / labels.length;
  };
  const result = { trainAccuracy: acc(xs, trainLabels), testAccuracy: acc(xt, testLabels), finalLoss };
  tf.dispose([mean, variance, std, xs, xt, ys, W, b]);
  opt.dispose();
  return result;
}
