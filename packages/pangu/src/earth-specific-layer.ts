// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:BasicLayer
import type { tf } from '@weatherlearn/engine';
import { Module, ModuleList, type Init, type ForwardOptions } from '@weatherlearn/engine/nn';
import { EarthSpecificBlock, type EarthSpecificBlockOptions } from './earth-specific-block.js';

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
export class EarthSpecificLayer extends Module {
  readonly blocks: EarthSpecificBlock[] = [];

  constructor(readonly o: EarthSpecificLayerOptions, init: Init) {
    super();
    const list = this.child('blocks', new ModuleList<EarthSpecificBlock>());
    for (let i = 0; i < o.depth; i++) {
      this.blocks.push(list.push(new EarthSpecificBlock({
        ...o,
        shiftSize: i % 2 === 0 ? [0, 0, 0] : o.shiftSize,
        dropPath: o.dropPath[i] ?? 0,
      }, init)));
    }
  }

  /** Runs the blocks in order; `onBlock` sees each block's output (layer-by-layer checks). */
  forward(x: tf.Tensor3D, options: ForwardOptions & { checkpoint?: boolean } = {}, onBlock?: (i: number, y: tf.Tensor3D) => void): tf.Tensor3D {
    let y = x;
    this.blocks.forEach((b, i) => {
      y = b.forward(y, options);
      onBlock?.(i, y);
    });
    return y;
  }
}

/** The original class name. */
export { EarthSpecificLayer as BasicLayer };
