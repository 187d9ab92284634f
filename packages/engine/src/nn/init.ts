/**
 * Parameter initialisation: named schemes and the value recipes they use. Every random draw comes
 * from the project's one seeded {@link Rng}, so a model built twice from the same seed is identical
 * on every runtime and backend.
 */
import { Rng } from '../random/rng.js';

/**
 * How `Linear` layers are initialised:
 * - `torch-default`: `nn.Linear.reset_parameters` — weight and bias U(−1/√fan_in, 1/√fan_in)
 *   (kaiming_uniform with a = √5 gives exactly that bound);
 * - `trunc-normal`: timm/DINO/Swin `_init_weights` — weight trunc_normal(std 0.02) cut at the
 *   ABSOLUTE bounds [−2, 2] (i.e. ±100 σ, effectively untruncated), bias 0.
 */
export type InitScheme = 'torch-default' | 'trunc-normal';

/** The init schemes, for validation messages. */
export const INIT_SCHEMES: readonly InitScheme[] = ['torch-default', 'trunc-normal'];

/** How the values of one parameter are made. */
export type ParamSpec =
  | { kind: 'zeros' }
  | { kind: 'ones' }
  | { kind: 'constant'; value: number }
  | { kind: 'uniform'; bound: number }
  | { kind: 'normal'; std: number }
  /** Normal(0, std) cut to the absolute interval [a, b] (torch `trunc_normal_`; defaults −2, 2). */
  | { kind: 'trunc-normal'; std: number; a?: number; b?: number }
  | { kind: 'values'; data: Float32Array };

/** Options of {@link Init}. */
export interface InitOptions {
  /** The generator every random parameter is drawn from (in creation order). */
  rng: Rng;
  /** Scheme of `Linear` layers. Default `torch-default` (PyTorch's own). */
  scheme?: InitScheme;
  /** Shapes only: parameters are recorded but neither drawn nor allocated (parameter counting). */
  meta?: boolean;
}

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** One `trunc_normal_` sample: Normal(0, std) resampled until it lies in [a, b]. */
export function truncNormalSample(rng: Rng, std: number, a = -2, b = 2): number {
  if (!(a < b)) throw new RangeError(`truncNormal: need a < b, got [${a}, ${b}]`);
  for (let i = 0; i < 1_000_000; i++) {
    const x = rng.normal(0, std);
    if (x >= a && x <= b) return x;
  }
  throw new RangeError(`truncNormal: [${a}, ${b}] is too unlikely under Normal(0, ${std})`);
}

/** The values of a {@link ParamSpec} for `shape`, drawn from `rng` when random. */
export function initValues(shape: readonly number[], spec: ParamSpec, rng: Rng): Float32Array {
  const n = count(shape);
  const out = new Float32Array(n);
  switch (spec.kind) {
    case 'zeros': return out;
    case 'ones': return out.fill(1);
    case 'constant': return out.fill(spec.value);
    case 'uniform': for (let i = 0; i < n; i++) out[i] = rng.uniform(-spec.bound, spec.bound); return out;
    case 'normal': for (let i = 0; i < n; i++) out[i] = rng.normal(0, spec.std); return out;
    case 'trunc-normal': for (let i = 0; i < n; i++) out[i] = truncNormalSample(rng, spec.std, spec.a, spec.b); return out;
    case 'values':
      if (spec.data.length !== n) throw new RangeError(`initValues: ${spec.data.length} values for shape [${shape.join(', ')}] (${n} elements)`);
      return spec.data;
  }
}

/**
 * Where a model's parameters come from: the generator, the `Linear` scheme and whether the build
 * is shape-only (meta). Pass one `Init` down the constructors of a model.
 */
export class Init {
  readonly rng: Rng;
  readonly scheme: InitScheme;
  readonly meta: boolean;

  /** @throws Error when `scheme` is not a known {@link InitScheme} */
  constructor(options: InitOptions) {
    this.rng = options.rng;
    this.scheme = options.scheme ?? 'torch-default';
    this.meta = options.meta ?? false;
    if (!INIT_SCHEMES.includes(this.scheme)) throw new Error(`init scheme must be one of ${INIT_SCHEMES.join(', ')}, got "${String(this.scheme)}"`);
  }

  /** A shape-only (meta) context: nothing is drawn or allocated. */
  static meta(scheme: InitScheme = 'torch-default'): Init {
    return new Init({ rng: new Rng(0), scheme, meta: true });
  }

  /** `Linear(fanIn → …)` weight recipe of this scheme. */
  linearWeight(fanIn: number): ParamSpec {
    return this.scheme === 'trunc-normal' ? { kind: 'trunc-normal', std: 0.02 } : { kind: 'uniform', bound: 1 / Math.sqrt(fanIn) };
  }

  /** `Linear(fanIn → …)` bias recipe of this scheme. */
  linearBias(fanIn: number): ParamSpec {
    return this.scheme === 'trunc-normal' ? { kind: 'zeros' } : { kind: 'uniform', bound: 1 / Math.sqrt(fanIn) };
  }

  /** Values of one parameter (an empty array in meta mode). */
  values(shape: readonly number[], spec: ParamSpec): Float32Array {
    return this.meta ? new Float32Array(0) : initValues(shape, spec, this.rng);
  }
}
