// Port of dariodematties/gridrad/Hierarchical_Pretraining/vision_transformer.py:Mlp
import { tf } from '@weatherlearn/engine';
import { Module, Linear, gelu, type Init } from '@weatherlearn/engine/nn';

/** `Mlp`: `fc1` → exact GELU → `fc2` (dropout 0, as in every DINO/HIPT configuration). */
export class Mlp extends Module {
  readonly fc1: Linear;
  readonly fc2: Linear;

  constructor(inFeatures: number, hiddenFeatures: number, outFeatures: number, init: Init) {
    super();
    this.fc1 = this.child('fc1', new Linear(inFeatures, hiddenFeatures, { init }));
    this.fc2 = this.child('fc2', new Linear(hiddenFeatures, outFeatures, { init }));
  }

  /** Applies the MLP to the last dimension. */
  forward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.fc2.forward(gelu(this.fc1.forward(x))));
  }
}
