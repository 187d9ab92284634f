import { tf } from '@weatherlearn/engine';
import { Module } from '../nn/module.js';
import { Linear } from '../nn/linear.js';
import { gelu } from '../nn/gelu.js';
import { Rng } from '../nn/rng.js';

/** `Mlp`: `fc1` → exact GELU → `fc2` (dropout 0, as in every DINO/HIPT configuration). */
export class Mlp extends Module {
  readonly fc1: Linear;
  readonly fc2: Linear;

  constructor(inFeatures: number, hiddenFeatures: number, outFeatures = inFeatures, rng = new Rng(0)) {
    super();
    this.fc1 = this.child('fc1', new Linear(inFeatures, hiddenFeatures, true, rng));
    this.fc2 = this.child('fc2', new Linear(hiddenFeatures, outFeatures, true, rng));
  }

  /** Applies the MLP to the last dimension. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.fc2.forward(gelu(this.fc1.forward(x))));
  }
}
