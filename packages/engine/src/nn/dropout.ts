// Port of st7ma784/WeatherLearn/PTL/model.py:DropPath
import { tf } from '../tf.js';
import type { Rng } from '../random/rng.js';
import { Module } from './module.js';
import { stochasticRng, type ForwardOptions } from './forward.js';

function checkRate(p: number, what: string): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`${what}: rate must be in [0, 1), got ${p}`);
  return p;
}

/**
 * Per-sample keep factors of stochastic depth: `floor(keep + U[0,1)) / keep` for each of `batch`
 * samples (timm's `drop_path`), drawn from `rng`. Exposed so that a recomputed (checkpointed)
 * forward can reuse the same mask.
 */
export function dropPathMask(batch: number, p: number, rng: Rng): Float32Array {
  const keep = 1 - p;
  const m = new Float32Array(batch);
  for (let i = 0; i < batch; i++) m[i] = Math.floor(keep + rng.next()) / keep;
  return m;
}

/**
 * `drop_path(x, p, training)`: in training, zeroes each sample's residual branch with probability
 * `p` and rescales the kept ones by 1/(1−p); identity in evaluation or when `p` is 0.
 * @throws Error naming `layer` when training with `p > 0` and no `rng`
 */
export function dropPath(x: tf.Tensor, p: number, options: ForwardOptions = {}, layer = 'DropPath'): tf.Tensor {
  const rng = stochasticRng(options.training ?? false, checkRate(p, layer), options.rng, layer);
  if (!rng) return x;
  const B = x.shape[0]!;
  const mask = dropPathMask(B, p, rng);
  return tf.tidy(() => tf.mul(x, tf.tensor(mask, [B, ...x.shape.slice(1).map(() => 1)], 'float32')));
}

/**
 * `F.dropout(x, p, training)`: element-wise, kept elements rescaled by 1/(1−p); identity in
 * evaluation or when `p` is 0. The mask is drawn from `options.rng`.
 * @throws Error naming `layer` when training with `p > 0` and no `rng`
 */
export function dropout(x: tf.Tensor, p: number, options: ForwardOptions = {}, layer = 'Dropout'): tf.Tensor {
  const rng = stochasticRng(options.training ?? false, checkRate(p, layer), options.rng, layer);
  if (!rng) return x;
  const n = x.size;
  const mask = new Float32Array(n);
  const scale = 1 / (1 - p);
  for (let i = 0; i < n; i++) mask[i] = rng.next() >= p ? scale : 0;
  return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32')));
}

/** `nn.Dropout(p)`: active in training mode (module flag or `options.training`) with an `rng`. */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    checkRate(p, 'Dropout');
  }

  /** See {@link dropout}. */
  forward(x: tf.Tensor, options: ForwardOptions = {}): tf.Tensor {
    return dropout(x, this.p, { training: options.training ?? this.training, rng: options.rng }, this.label());
  }
}

/** timm's `DropPath(drop_prob)` (stochastic depth), sampled per call; identity in eval. */
export class DropPath extends Module {
  constructor(readonly p = 0) {
    super();
    checkRate(p, 'DropPath');
  }

  /** See {@link dropPath}. */
  forward(x: tf.Tensor, options: ForwardOptions = {}): tf.Tensor {
    return dropPath(x, this.p, { training: options.training ?? this.training, rng: options.rng }, this.label());
  }
}
