import { tf } from '@weatherlearn/engine';

/** Options of {@link knnClassifier} (DINO's `eval_knn.py`). */
export interface KnnOptions {
  k: number;
  /** Temperature of the `exp(sim/T)` vote weights. */
  temperature: number;
  numClasses: number;
  /** Test rows per similarity chunk (bounds memory). */
  chunkSize: number;
}

/** DINO's k-NN defaults: k = 20, T = 0.07. */
export const DEFAULT_KNN_OPTIONS: Omit<KnnOptions, 'numClasses'> = { k: 20, temperature: 0.07, chunkSize: 256 };

/** Predictions and top-1 accuracy of a k-NN evaluation. */
export interface KnnResult {
  predictions: Int32Array;
  top1: number;
}

const l2norm = (x: tf.Tensor2D) => tf.div(x, tf.maximum(tf.sqrt(tf.sum(tf.square(x), 1, true)), 1e-12)) as tf.Tensor2D;

/**
 * Weighted k-NN on L2-normalised features: the `k` most cosine-similar training samples vote for
 * their label with weight `exp(sim/T)`; the class with the largest vote wins.
 */
export function knnClassifier(
  trainFeatures: tf.Tensor2D,
  trainLabels: Int32Array,
  testFeatures: tf.Tensor2D,
  testLabels: Int32Array | undefined,
  options: Partial<KnnOptions> & { numClasses: number },
): KnnResult {
  const o = { ...DEFAULT_KNN_OPTIONS, ...options };
  const N = trainFeatures.shape[0];
  if (trainLabels.length !== N) throw new Error(`kNN: ${N} training features but ${trainLabels.length} labels`);
  for (const l of trainLabels) if (l < 0 || l >= o.numClasses) throw new Error(`kNN: label ${l} outside [0, ${o.numClasses})`);
  const k = Math.min(o.k, N);
  const M = testFeatures.shape[0];
  const predictions = new Int32Array(M);
  const train = l2norm(trainFeatures);
  for (let s = 0; s < M; s += o.chunkSize) {
    const n = Math.min(o.chunkSize, M - s);
    const { values, indices } = tf.tidy(() => {
      const test = l2norm(tf.slice(testFeatures, [s, 0], [n, testFeatures.shape[1]]));
      return tf.topk(tf.matMul(test, train, false, true), k);
    });
    const v = values.dataSync();
    const idx = indices.dataSync();
    tf.dispose([values, indices]);
    const votes = new Float64Array(o.numClasses);
    for (let r = 0; r < n; r++) {
      votes.fill(0);
      for (let j = 0; j < k; j++) votes[trainLabels[idx[r * k + j]!]!]! += Math.exp(v[r * k + j]! / o.temperature);
      let best = 0;
      for (let c = 1; c < o.numClasses; c++) if (votes[c]! > votes[best]!) best = c;
      predictions[s + r] = best;
    }
  }
  train.dispose();
  let correct = 0;
  if (testLabels) for (let i = 0; i < M; i++) if (predictions[i] === testLabels[i]) correct++;
  return { predictions, top1: testLabels ? correct / M : NaN };
}
