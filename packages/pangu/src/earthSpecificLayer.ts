import type { tf } from '@weatherlearn/engine';
import type { BuildContext } from './module.js';
import { EarthSpecificBlock, type EarthSpecificBlockOptions } from './earthSpecificBlock.js';

/** Options of {@link EarthSpecificLayer}: a block's options plus depth and per-block rates. */
export interface EarthSpecificLayerOptions extends Omit<EarthSpecificBlockOptions, 'shiftSize' | 'dropPath'> {
  depth: number;
  /** Shift of the odd blocks (even blocks are not shifted). */
  shiftSize: [number, number, number];
  /** Stochastic-depth rate of each block. */
  dropPath: number[];
}

/**
 * `BasicLayer` of the original: `depth` {@link EarthSpecificBlock}s, alternating plain (even) and
 * shifted (odd) windows. PyTorch keys: `<key>.blocks.<i>.…`.
 */
export class EarthSpecificLayer {
  readonly blocks: EarthSpecificBlock[] = [];

  constructor(ctx: BuildContext, key: string, readonly o: EarthSpecificLayerOptions) {
    for (let i = 0; i < o.depth; i++) {
      this.blocks.push(new EarthSpecificBlock(ctx, `${key}.blocks.${i}`, {
        ...o,
        shiftSize: i % 2 === 0 ? [0, 0, 0] : o.shiftSize,
        dropPath: o.dropPath[i] ?? 0,
      }));
    }
  }

  /** Runs the blocks in order; `onBlock` sees each block's output (layer-by-layer checks). */
  apply(x: tf.Tensor3D, training = false, onBlock?: (i: number, y: tf.Tensor3D) => void, checkpoint = false): tf.Tensor3D {
    let y = x;
    this.blocks.forEach((b, i) => {
      y = b.apply(y, training, checkpoint);
      onBlock?.(i, y);
    });
    return y;
  }

  /** Frees the blocks' constant tensors. */
  dispose(): void {
    for (const b of this.blocks) b.dispose();
  }
}

/** The original class name. */
export { EarthSpecificLayer as BasicLayer };
