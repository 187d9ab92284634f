// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:Mlp
import type { tf } from '@weatherlearn/engine';
import { Module, Linear, gelu, dropout, type Init, type ForwardOptions } from '@weatherlearn/engine/nn';

/** `Mlp`: Linear(C→hidden) · GELU · Dropout · Linear(hidden→C) · Dropout. Keys `fc1`, `fc2`. */
export class Mlp extends Module {
  readonly fc1: Linear;
  readonly fc2: Linear;

  constructor(inFeatures: number, hiddenFeatures: number, init: Init, readonly drop = 0) {
    super();
    this.fc1 = this.child('fc1', new Linear(inFeatures, hiddenFeatures, { init }));
    this.fc2 = this.child('fc2', new Linear(hiddenFeatures, inFeatures, { init }));
  }

  /** Applies the MLP to the last axis; dropout only in training (drawn from `options.rng`). */
  forward(x: tf.Tensor, options: ForwardOptions = {}): tf.Tensor {
    const h = dropout(gelu(this.fc1.forward(x)), this.drop, options, this.label());
    return dropout(this.fc2.forward(h), this.drop, options, this.label());
  }
}
