import { tf } from '@weatherlearn/engine';

/**
 * How a parameter is stored in a PyTorch state dict compared with ours:
 * - `same`: identical shape and order (LayerNorm, biases, the earth bias table);
 * - `linear`: torch `[out, in]`, ours `[in, out]` (transposed);
 * - `patch-embed`: torch Conv `[E, C, ...k]`, ours `[C·∏k, E]` (flattened, transposed);
 * - `conv-transpose`: torch ConvTranspose `[Cin, Cout, ...k]`, ours `[Cin, Cout·∏k]` (flattened).
 */
export type TorchLayout = 'same' | 'linear' | 'patch-embed' | 'conv-transpose';

/** How a parameter is initialised when created. */
export type ParamInit =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'truncnormal'; std: number }
  | { kind: 'uniform'; bound: number };

/** One parameter: its PyTorch state-dict key and layout, and our variable. */
export interface ParamEntry {
  /** Full PyTorch key, e.g. `layer1.blocks.0.attn.qkv.weight`. */
  key: string;
  /** Our shape. */
  shape: number[];
  /** The PyTorch shape. */
  torchShape: number[];
  layout: TorchLayout;
  /** The variable; `null` in a meta build (shapes only, nothing allocated). */
  variable: tf.Variable | null;
}

/** Shared state while a model is built: where parameters go and how they are drawn. */
export class BuildContext {
  /** Every parameter, in creation order (= PyTorch `named_parameters()` order). */
  readonly entries: ParamEntry[] = [];
  private seedCounter: number;

  /**
   * @param meta when true, parameters are recorded but not allocated (parameter counting).
   * @param seed base seed of the initialisers; null draws a random one.
   */
  constructor(readonly meta = false, seed: number | null = null) {
    this.seedCounter = seed ?? Math.floor(Math.random() * 2 ** 30);
  }

  /** Creates (or, in meta mode, only records) a parameter. */
  param(key: string, shape: number[], init: ParamInit, layout: TorchLayout = 'same', torchShape: number[] = shape): tf.Variable {
    const entry: ParamEntry = { key, shape, torchShape, layout, variable: null };
    this.entries.push(entry);
    if (this.meta) return null as unknown as tf.Variable;
    const seed = this.seedCounter++;
    const value = tf.tidy(() => {
      switch (init.kind) {
        case 'zeros': return tf.zeros(shape);
        case 'ones': return tf.ones(shape);
        case 'truncnormal': return tf.truncatedNormal(shape, 0, init.std, 'float32', seed);
        case 'uniform': return tf.randomUniform(shape, -init.bound, init.bound, 'float32', seed);
      }
    });
    entry.variable = tf.variable(value, true);
    value.dispose();
    return entry.variable;
  }
}

/** Whether a forward pass trains (DropPath, Dropout, latent noise active) or evaluates. */
export interface ForwardOptions {
  training?: boolean;
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
