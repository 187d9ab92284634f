// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:MultiCropWrapper
import { tf } from '@weatherlearn/engine';
import { Module, type ForwardOptions } from '@weatherlearn/engine/nn';
import type { DINOHead } from './dino-head.js';

/** What a backbone must offer to sit in a {@link MultiCropWrapper}. */
export interface Backbone extends Module {
  /** Image (or token grid) batch → `[B, D]` embedding; `options` carries train mode and the drop-path `rng`. */
  forward(x: tf.Tensor4D, options?: ForwardOptions): tf.Tensor2D;
}

/**
 * `utils.MultiCropWrapper`: runs the backbone once per run of consecutive crops with the same
 * resolution (last dimension), concatenates the CLS outputs in crop order and applies the head
 * once. Keys are `backbone.*` and `head.*`.
 */
export class MultiCropWrapper<B extends Backbone = Backbone> extends Module {
  readonly backbone: B;
  readonly head: DINOHead;

  constructor(backbone: B, head: DINOHead) {
    super();
    this.backbone = this.child('backbone', backbone);
    this.head = this.child('head', head);
  }

  /** Backbone outputs of every crop, concatenated crop-major: `[ncrops·B, D]`. */
  backboneOutputs(crops: tf.Tensor4D[], options: ForwardOptions = {}): tf.Tensor2D {
    if (crops.length === 0) throw new Error('MultiCropWrapper: no crops');
    return tf.tidy(() => {
      const outs: tf.Tensor2D[] = [];
      let start = 0;
      while (start < crops.length) {
        const size = crops[start]!.shape[3];
        let end = start + 1;
        while (end < crops.length && crops[end]!.shape[3] === size) end++;
        const group = end - start === 1 ? crops[start]! : tf.concat(crops.slice(start, end), 0);
        outs.push(this.backbone.forward(group, options));
        start = end;
      }
      return outs.length === 1 ? outs[0]! : tf.concat(outs, 0);
    });
  }

  /** `[ncrops·B, out_dim]`, rows crop-major (crop 0 rows 0..B−1, crop 1 rows B..2B−1, …). */
  forward(crops: tf.Tensor4D[], options: ForwardOptions = {}): tf.Tensor2D {
    return tf.tidy(() => this.head.forward(this.backboneOutputs(crops, options)));
  }
}
