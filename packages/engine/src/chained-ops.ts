/**
 * Chained tensor methods (`x.square()`, `x.split(…)`). The `@tensorflow/tfjs` umbrella installs them;
 * tfjs-core alone does not, yet some of tfjs-core's own gradient functions call them (gather with
 * `batchDims`, for instance). {@link registerChainedOps} installs the same methods by delegating to
 * the functional ops.
 */
import { tf } from './tf.js';

/** Methods whose op has the same name and takes the tensor as first argument. */
const SAME_NAME = (
  'abs acos acosh add all any argMax argMin asin asinh atan atan2 atanh batchToSpaceND batchNorm broadcastTo '
  + 'cast ceil clipByValue conv1d conv2d cos cosh cumprod cumsum depthToSpace div divNoNan dot elu equal erf '
  + 'euclideanNorm exp expandDims expm1 fft floor floorDiv gather greater greaterEqual ifft irfft isFinite isInf '
  + 'isNaN leakyRelu less lessEqual log log1p logSigmoid logSoftmax logSumExp logicalAnd logicalNot logicalOr '
  + 'logicalXor matMul max maximum mean min minimum mirrorPad mod mul neg norm notEqual oneHot onesLike pad pool '
  + 'pow prelu prod reciprocal relu relu6 reshape reverse rfft round rsqrt selu sigmoid sign sin sinh slice '
  + 'softmax softplus spaceToBatchND split sqrt square squaredDifference squeeze step stridedSlice sub sum tan '
  + 'tanh tile topk transpose unique unstack zerosLike'
).split(' ');

type AnyFn = (...args: unknown[]) => unknown;

/** Installs the chained methods on tf.Tensor (only those not already defined). Idempotent. */
export function registerChainedOps(): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, AnyFn>;
  const ops = tf as unknown as Record<string, AnyFn>;
  const define = (name: string, fn: (self: tf.Tensor, ...args: unknown[]) => unknown): void => {
    if (name in proto) return;
    Object.defineProperty(proto, name, {
      configurable: true, writable: true,
      value(this: tf.Tensor, ...args: unknown[]) { this.throwIfDisposed(); return fn(this, ...args); },
    });
  };
  for (const name of SAME_NAME) if (typeof ops[name] === 'function') define(name, (t, ...a) => ops[name]!(t, ...a));
  define('asType', (t, d) => tf.cast(t, d as tf.DataType));
  define('toBool', (t) => tf.cast(t, 'bool'));
  define('toFloat', (t) => tf.cast(t, 'float32'));
  define('toInt', (t) => tf.cast(t, 'int32'));
  define('asScalar', (t) => tf.reshape(t, []));
  define('as1D', (t) => tf.reshape(t, [t.size]));
  for (const r of [2, 3, 4, 5]) define(`as${r}D`, (t, ...dims) => tf.reshape(t, dims as number[]));
  define('flatten', (t) => tf.reshape(t, [t.size]));
  define('reshapeAs', (t, o) => tf.reshape(t, (o as tf.Tensor).shape));
  define('concat', (t, x, axis) => tf.concat([t, ...(Array.isArray(x) ? x : [x])] as tf.Tensor[], axis as number));
  define('stack', (t, x, axis) => tf.stack([t, ...(Array.isArray(x) ? x : [x])] as tf.Tensor[], axis as number));
  define('where', (t, cond, x) => tf.where(cond as tf.Tensor, t, x as tf.Tensor));
}
