import { tf } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import { toFloat32 } from '@weatherlearn/tensor-io';

/** A named trainable (or frozen) tensor of a {@link Module}, keyed like a PyTorch state-dict entry. */
export interface NamedParameter {
  name: string;
  variable: tf.Variable;
}

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Throw on missing or unexpected keys (PyTorch's `strict`). Default true. */
  strict?: boolean;
}

/** Keys that did not line up in a non-strict {@link Module.loadStateDict}. */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * Base class of every block: a tree of parameters and sub-modules whose dotted names are the
 * PyTorch state-dict keys (`blocks.0.attn.qkv.weight`), plus a train/eval flag.
 */
export abstract class Module {
  /** Train mode enables stochastic depth / dropout; eval mode makes them identity. */
  training = true;
  private readonly _params = new Map<string, tf.Variable>();
  private readonly _children = new Map<string, Module>();

  /** Registers a parameter created from `init` (kept on the module, trainable unless stated). */
  protected param(name: string, init: tf.Tensor, trainable = true): tf.Variable {
    if (this._params.has(name)) throw new Error(`parameter ${name} registered twice`);
    const v = tf.variable(init, trainable);
    init.dispose();
    this._params.set(name, v);
    return v;
  }

  /** Registers a child module under `name` and returns it. */
  protected child<M extends Module>(name: string, m: M): M {
    if (this._children.has(name)) throw new Error(`module ${name} registered twice`);
    this._children.set(name, m);
    return m;
  }

  /** Every parameter with its full dotted name, in registration (PyTorch) order. */
  namedParameters(prefix = ''): NamedParameter[] {
    const out: NamedParameter[] = [];
    for (const [n, v] of this._params) out.push({ name: prefix + n, variable: v });
    for (const [n, c] of this._children) out.push(...c.namedParameters(`${prefix}${n}.`));
    return out;
  }

  /** Parameters that receive gradients (`requires_grad=True`). */
  trainableParameters(): NamedParameter[] {
    return this.namedParameters().filter((p) => p.variable.trainable);
  }

  /** Sets train (true) or eval (false) mode recursively. */
  train(mode = true): this {
    this.training = mode;
    for (const c of this._children.values()) c.train(mode);
    return this;
  }

  /** Shorthand for `train(false)`. */
  eval(): this {
    return this.train(false);
  }

  /** Copies every parameter out as a float32 {@link Tensor} keyed by its state-dict name. */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const { name, variable } of this.namedParameters()) {
      out[name] = { dtype: 'float32', shape: [...variable.shape], data: new Float32Array(variable.dataSync() as Float32Array) };
    }
    return out;
  }

  /**
   * Assigns parameters from a state dict (any float/int dtype is converted to float32). Shapes
   * must match exactly; errors name the key and both shapes.
   */
  loadStateDict(sd: Record<string, Tensor>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = options.strict ?? true;
    const params = this.namedParameters();
    const known = new Set(params.map((p) => p.name));
    const missingKeys = params.filter((p) => !(p.name in sd)).map((p) => p.name);
    const unexpectedKeys = Object.keys(sd).filter((k) => !known.has(k));
    if (strict && (missingKeys.length || unexpectedKeys.length)) {
      throw new Error(
        `state dict mismatch: missing [${missingKeys.slice(0, 8).join(', ')}${missingKeys.length > 8 ? ', …' : ''}]` +
          `, unexpected [${unexpectedKeys.slice(0, 8).join(', ')}${unexpectedKeys.length > 8 ? ', …' : ''}]`,
      );
    }
    for (const { name, variable } of params) {
      const t = sd[name];
      if (!t) continue;
      const same = t.shape.length === variable.shape.length && t.shape.every((d, i) => d === variable.shape[i]);
      if (!same) {
        throw new Error(`state dict key ${name}: shape [${t.shape.join(', ')}] does not match parameter [${variable.shape.join(', ')}]`);
      }
      const values = toFloat32(t);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
    }
    return { missingKeys, unexpectedKeys };
  }

  /** Frees every parameter's memory. The module must not be used afterwards. */
  dispose(): void {
    for (const v of this._params.values()) v.dispose();
    for (const c of this._children.values()) c.dispose();
  }
}
