import { tf } from '@weatherlearn/engine';

const stop = tf.customGrad(((x: tf.Tensor) => ({ value: tf.clone(x), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) })) as unknown as Parameters<typeof tf.customGrad>[0]);

/** `tensor.detach()`: the same values, with a zero gradient (tfjs has no stop-gradient op). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
