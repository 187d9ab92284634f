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
export function panguLoss(config: Pick<PanguConfig, 'loss' | 'surfaceWeight' | 'smoothL1Beta' | 'channelWeights'> & LossMask, pred: PanguOutput, target: PanguTarget): tf.Scalar {
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

/** The loss mask's keys of a {@link PanguConfig}: the mask channel, the channels it weights and soft/hard. */
export type LossMask = Pick<PanguConfig, 'lossMaskChannel' | 'lossMaskChannels' | 'lossMaskMode'>;

/**
 * Smooth-L1 (Huber/β: ½d²/β where |d| < β, else |d| − β/2) of the surface, each element weighted
 * by its channel's `channelWeights[c]` and, with `lossMaskChannel` k ≥ 0, by the loss mask of the
 * target (see {@link lossMaskWeights}): Σ w·ℓ / Σ w.
 */
export function smoothL1(config: Pick<PanguConfig, 'smoothL1Beta' | 'channelWeights'> & LossMask, pred: tf.Tensor4D, target: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const beta = config.smoothL1Beta ?? 1, C = pred.shape[1];
    const d = tf.abs(tf.sub(pred, target));
    const l = tf.where(tf.less(d, beta), tf.div(tf.mul(tf.square(d), 0.5), beta), tf.sub(d, beta / 2));
    const cw = config.channelWeights?.length ? config.channelWeights : new Array<number>(C).fill(1);
    const w = tf.mul(tf.reshape(tf.tensor1d(cw), [1, C, 1, 1]), lossMaskWeights(target, config));
    const wb = tf.mul(tf.onesLike(l), w);
    return tf.div(tf.sum(tf.mul(l, wb)), tf.maximum(tf.sum(wb), 1e-12)) as tf.Scalar;
  });
}

/**
 * The per-pixel weights of the loss mask for a target `(B, C, H, W)`. With `lossMaskChannel` k ≥ 0
 * the mask is the target's channel k — clipped to 0–1 (`lossMaskMode` `soft`, default) or 1 where it
 * is > 0 and 0 elsewhere (`hard`, the 2026 original) — and it weights the `lossMaskChannels`
 * (default every channel but k); the other channels get 1 (`(B, C, H, W)`). With k < 0 a scalar 1
 * (no mask). Used by {@link smoothL1} and, with `skillMask: 'loss'`, by the validation skill.
 */
export function lossMaskWeights(target: tf.Tensor4D, mask: LossMask): tf.Tensor {
  return tf.tidy(() => {
    const k = mask.lossMaskChannel ?? -1;
    if (k < 0) return tf.scalar(1);
    const C = target.shape[1];
    const occ = tf.slice(target, [0, k, 0, 0], [-1, 1, -1, -1]);
    const m = mask.lossMaskMode === 'hard' ? tf.cast(tf.greater(occ, 0), 'float32') : tf.clipByValue(occ, 0, 1);
    const masked = mask.lossMaskChannels?.length ? mask.lossMaskChannels : [...Array(C).keys()].filter((c) => c !== k);
    const on = tf.tensor4d(Array.from({ length: C }, (_, c) => (masked.includes(c) ? 1 : 0)), [1, C, 1, 1]);
    return tf.add(tf.mul(m, on), tf.sub(1, on));
  });
}
