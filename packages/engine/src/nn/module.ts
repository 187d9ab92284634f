import { tf } from '../tf.js';
import { toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import type { NamedParameter } from '../optim/types.js';
import { Init, type ParamSpec } from './init.js';

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /** Throw on missing or unexpected keys (PyTorch's `strict`). Default true. */
  strict?: boolean;
  /** Keys in the state dict that are never "unexpected" (e.g. derived buffers such as `attn_mask`). */
  ignore?: RegExp;
  /** Names the source in errors (a file path). Default `state dict`. */
  source?: string;
}

/** Keys that did not line up in a {@link Module.loadStateDict}. */
export interface LoadStateDictResult {
  loadedKeys: string[];
  missingKeys: string[];
  unexpectedKeys: string[];
  /** Keys matched by `ignore`. */
  ignoredKeys: string[];
}

/** A parameter's name, shape and trainability; available in meta (shape-only) builds too. */
export interface ParameterInfo {
  name: string;
  shape: number[];
  trainable: boolean;
}

interface Slot { shape: number[]; variable: tf.Variable | null; trainable: boolean }

const list = (keys: string[]): string => `[${keys.slice(0, 8).join(', ')}${keys.length > 8 ? `, … ${keys.length - 8} more` : ''}]`;

/**
 * Base class of every block: a tree of parameters and sub-modules whose dotted names are the
 * PyTorch state-dict keys (`blocks.0.attn.qkv.weight`), plus a train/eval flag (train by default,
 * as in PyTorch).
 */
export abstract class Module {
  /** Train mode enables Dropout/DropPath (with an `rng` in the forward options); eval makes them identity. */
  training = true;
  private readonly _params = new Map<string, Slot>();
  private readonly _children = new Map<string, Module>();
  private _parent: { module: Module; name: string } | undefined;

  /**
   * Registers a parameter of `shape` made by `spec` from `init` (drawn from `init.rng`; nothing is
   * drawn or allocated when `init.meta`). Returns its variable (`null` in meta mode).
   */
  protected param(name: string, shape: number[], init: Init, spec: ParamSpec, trainable = true): tf.Variable {
    if (this._params.has(name) || this._children.has(name)) throw new Error(`${this.path || this.constructor.name}: "${name}" registered twice`);
    let variable: tf.Variable | null = null;
    if (!init.meta) {
      const values = init.values(shape, spec);
      variable = tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), trainable));
    }
    this._params.set(name, { shape: [...shape], variable, trainable });
    return variable as tf.Variable;
  }

  /** Registers a child module under `name` (its parameters become `name.*`) and returns it. */
  protected child<M extends Module>(name: string, m: M): M {
    if (this._params.has(name) || this._children.has(name)) throw new Error(`${this.path || this.constructor.name}: "${name}" registered twice`);
    if (m._parent) throw new Error(`module ${m.constructor.name} is already registered as "${m.path}"`);
    this._children.set(name, m);
    m._parent = { module: this, name };
    return m;
  }

  /** The dotted name of this module inside its root (`layer1.blocks.0.drop_path`; `''` for the root). */
  get path(): string {
    const p = this._parent;
    if (!p) return '';
    const up = p.module.path;
    return up ? `${up}.${p.name}` : p.name;
  }

  /** A label for error messages: class name and path. */
  protected label(): string {
    return this.path ? `${this.constructor.name} (${this.path})` : this.constructor.name;
  }

  /** Every sub-module with its dotted name, depth first in registration order (the root as `''`). */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [n, c] of this._children) out.push(...c.namedModules(prefix ? `${prefix}.${n}` : n));
    return out;
  }

  /** Name, shape and trainability of every parameter, in PyTorch `named_parameters()` order. */
  parameterInfo(prefix = ''): ParameterInfo[] {
    const out: ParameterInfo[] = [];
    for (const [n, s] of this._params) out.push({ name: prefix + n, shape: [...s.shape], trainable: s.variable?.trainable ?? s.trainable });
    for (const [n, c] of this._children) out.push(...c.parameterInfo(`${prefix}${n}.`));
    return out;
  }

  /** Number of scalars in all parameters (meta builds too). */
  parameterCount(): number {
    return this.parameterInfo().reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);
  }

  /**
   * Every parameter with its full dotted name, in registration (PyTorch) order.
   * @throws Error when the module was built in meta mode
   */
  namedParameters(prefix = ''): NamedParameter[] {
    const out: NamedParameter[] = [];
    for (const [n, s] of this._params) {
      if (!s.variable) throw new Error(`${this.label()}: parameter "${n}" has no values (the model was built in meta mode)`);
      out.push({ name: prefix + n, variable: s.variable });
    }
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
   * Assigns parameters from a state dict (float/int dtypes are converted to float32). Shapes must
   * match exactly; nothing is assigned unless every check passes. Errors name the key and both shapes.
   * @throws Error on a shape mismatch, or (strict) on missing or unexpected keys
   */
  loadStateDict(sd: Record<string, Tensor>, options: LoadStateDictOptions = {}): LoadStateDictResult {
    const strict = options.strict ?? true;
    const src = options.source ?? 'state dict';
    const params = this.namedParameters();
    const known = new Set(params.map((p) => p.name));
    const missingKeys = params.filter((p) => !(p.name in sd)).map((p) => p.name);
    const ignoredKeys: string[] = [];
    const unexpectedKeys: string[] = [];
    for (const k of Object.keys(sd)) {
      if (known.has(k)) continue;
      if (options.ignore?.test(k)) ignoredKeys.push(k);
      else unexpectedKeys.push(k);
    }
    if (strict && (missingKeys.length || unexpectedKeys.length)) {
      throw new Error(`${src} does not match ${this.constructor.name}: missing keys ${list(missingKeys)}, unexpected keys ${list(unexpectedKeys)} (strict: false loads the matching ones)`);
    }
    const values: [tf.Variable, Float32Array, string][] = [];
    for (const { name, variable } of params) {
      const t = sd[name];
      if (!t) continue;
      const same = t.shape.length === variable.shape.length && t.shape.every((d, i) => d === variable.shape[i]);
      if (!same) throw new Error(`${src}: "${name}" has shape [${t.shape.join(', ')}], the model expects [${variable.shape.join(', ')}]`);
      values.push([variable, toFloat32(t), name]);
    }
    for (const [v, data] of values) tf.tidy(() => v.assign(tf.tensor(data, v.shape, 'float32')));
    return { loadedKeys: values.map((v) => v[2]), missingKeys, unexpectedKeys, ignoredKeys };
  }

  /** Frees every parameter's memory (and, via overrides, constant buffers). The module must not be used afterwards. */
  dispose(): void {
    for (const s of this._params.values()) s.variable?.dispose();
    for (const c of this._children.values()) c.dispose();
  }
}

/** `nn.ModuleList`: children named `0`, `1`, … */
export class ModuleList<M extends Module = Module> extends Module {
  private readonly items: M[] = [];

  /** Appends `m` under the next index and returns it. */
  push(m: M): M {
    this.items.push(this.child(String(this.items.length), m));
    return m;
  }

  /** The modules, in order. */
  get modules(): readonly M[] {
    return this.items;
  }

  /** Number of modules. */
  get length(): number {
    return this.items.length;
  }

  /** The module at index `i`. */
  at(i: number): M | undefined {
    return this.items.at(i);
  }

  [Symbol.iterator](): Iterator<M> {
    return this.items[Symbol.iterator]();
  }
}
