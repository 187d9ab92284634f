import { tf } from '@weatherlearn/engine';
import type { PanguConfig } from './config.js';
import type { PanguOutput } from './pangu.js';
import type { PanguTarget } from './trainingModule.js';

/**
 * The training loss of `config.loss` (see {@link PanguConfig.loss}):
 * - `l1-weighted`: `L1(upper) + surfaceWeight · L1(surface)`, mean reduction (upstream and the paper;
 *   a surface-only model is `surfaceWeight · L1(surface)`, as upstream's code would compute it);
 * - `mse-mean`: mean squared error over every output element (surface and upper pooled per term, summed);
 * - `mse-sum`: `MSELoss(reduction='sum')` as the SuperDARN seed (sum over every element and sample).
 */
export function panguLoss(config: Pick<PanguConfig, 'loss' | 'surfaceWeight'>, pred: PanguOutput, target: PanguTarget): tf.Scalar {
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
      case 'mse-sum':
        return tf.addN(pairs.map(([a, b]) => tf.sum(tf.squaredDifference(a, b)))) as tf.Scalar;
      default:
        throw new Error(`Pangu loss: unknown loss ${JSON.stringify(config.loss)}`);
    }
  });
}
