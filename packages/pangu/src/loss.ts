import { tf } from '@weatherlearn/engine';
import type { PanguConfig } from './config.js';
import type { PanguOutput } from './pangu.js';
import type { PanguTarget } from './training-module.js';

/**
 * The training loss of `config.loss` (see {@link PanguConfig.loss}):
 * - `l1-weighted`: `L1(upper) + surfaceWeight · L1(surface)`, mean reduction (upstream and the paper;
 *   a surface-only model is `surfaceWeight · L1(surface)`, as upstream's code would compute it);
 * - `mse-mean`: mean squared error over every output element (surface and upper pooled per term, summed);
 * - `mse-sum`: `MSELoss(reduction='sum')` as the SuperDARN seed (sum over every element and sample);
 * - `smooth-l1`: the 2026 SuperDARN original's (see {@link smoothL1}).
 */
export function panguLoss(config: Pick<PanguConfig, 'loss' | 'surfaceWeight' | 'smoothL1Beta' | 'channelWeights' | 'lossMaskChannel'>, pred: PanguOutput, target: PanguTarget): tf.Scalar {
  return tf.tidy(() => {
    if (pred.upper && !target.upper) throw new Error('Pangu loss: the model predicts upper-air fields but the batch has no target.upper');
    const pairs: [tf.Tensor, tf.Tensor][] = [[pred.surface, target.surface]];
    if (pred.upper) pairs.push([pred.upper, target.upper!]);
    switch (config.loss) {
      case 'l1-weighted': {
        const s = tf.mul(tf.mean(tf.abs(tf.sub(pred.surface, target.surface))), config.surfaceWeight);
        return (pred.upper ? tf.add(tf.mean(tf.abs(tf.sub(pred.upper, target.upper!))), s) : s) as tf.Scalar;
      }
      case 'mse-mean':
        return tf.addN(pairs.map(([a, b]) => tf.mean(tf.squaredDifference(a, b)))) as tf.Scalar;
      case 'smooth-l1':
        return smoothL1(config, pred.surface, target.surface);
      case 'mse-sum':
        return tf.addN(pairs.map(([a, b]) => tf.sum(tf.squaredDifference(a, b)))) as tf.Scalar;
      default:
        throw new Error(`Pangu loss: unknown loss ${JSON.stringify(config.loss)}`);
    }
  });
}

/**
 * Smooth-L1 (Huber/β: ½d²/β where |d| < β, else |d| − β/2) of the surface, each element weighted
 * by its channel's `channelWeights[c]` and, with `lossMaskChannel` k ≥ 0, by the target's channel k
 * (occupancy, 0–1) for every channel but k itself (weight 1): Σ w·ℓ / Σ w.
 */
export function smoothL1(config: Pick<PanguConfig, 'smoothL1Beta' | 'channelWeights' | 'lossMaskChannel'>, pred: tf.Tensor4D, target: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const beta = config.smoothL1Beta ?? 1, C = pred.shape[1];
    const d = tf.abs(tf.sub(pred, target));
    const l = tf.where(tf.less(d, beta), tf.div(tf.mul(tf.square(d), 0.5), beta), tf.sub(d, beta / 2));
    const cw = config.channelWeights?.length ? config.channelWeights : new Array<number>(C).fill(1);
    const w = tf.mul(tf.reshape(tf.tensor1d(cw), [1, C, 1, 1]), lossMaskWeights(target, config.lossMaskChannel ?? -1));
    const wb = tf.mul(tf.onesLike(l), w);
    return tf.div(tf.sum(tf.mul(l, wb)), tf.maximum(tf.sum(wb), 1e-12)) as tf.Scalar;
  });
}

/**
 * The per-pixel weights of the loss mask for a target `(B, C, H, W)`: with channel k ≥ 0, the
 * target's channel k clipped to 0–1 for every channel but k, and 1 for channel k itself
 * (`(B, C, H, W)`); with k < 0 a scalar 1 (no mask). Used by {@link smoothL1} and, with
 * `skillMask: 'loss'`, by the validation skill (`forecastDiagnostics`).
 */
export function lossMaskWeights(target: tf.Tensor4D, k: number): tf.Tensor {
  return tf.tidy(() => {
    if (k < 0) return tf.scalar(1);
    const C = target.shape[1];
    const m = tf.clipByValue(tf.slice(target, [0, k, 0, 0], [-1, 1, -1, -1]), 0, 1);
    const isK = tf.reshape(tf.oneHot(tf.tensor1d([k], 'int32'), C), [1, C, 1, 1]);
    return tf.add(tf.mul(m, tf.sub(1, isK)), isK);
  });
}
