// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:Pangu
import { tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import { Init, Module, stochasticRng, type ForwardOptions } from '@weatherlearn/engine/nn';
import { validatePanguConfig, type PanguConfig } from './config.js';
import { dropPathRateOf, panguGeometry, type PanguGeometry } from './geometry.js';
import { PatchEmbed2D } from './patch-embed-2d.js';
import { PatchEmbed3D } from './patch-embed-3d.js';
import { PatchRecovery2D } from './patch-recovery-2d.js';
import { PatchRecovery3D } from './patch-recovery-3d.js';
import { EarthSpecificLayer } from './earth-specific-layer.js';
import { DownSample } from './down-sample.js';
import { UpSample } from './up-sample.js';
import { concatAxis, sliceAxis } from './ops/ops.js';
import { FiLM } from './film.js';

/** Inputs of {@link Pangu.apply}. */
export interface PanguInput {
  /** `(B, surfaceChans, Lat, Lon)`. */
  surface: tf.Tensor4D;
  /** Constant masks `(surfaceMaskChans, Lat, Lon)` (shared by the batch) or `(B, …)`. */
  surfaceMask?: tf.Tensor3D | tf.Tensor4D | null;
  /** `(B, upperChans, levels, Lat, Lon)`; required when `upperLevels > 0`. */
  upper?: tf.Tensor5D | null;
  /** `(B, filmDim)` conditioning scalars (e.g. the solar wind); required when `filmDim > 0`. */
  cond?: tf.Tensor2D | null;
}

/** Outputs of {@link Pangu.apply}, in the inputs' layouts. */
export interface PanguOutput {
  surface: tf.Tensor4D;
  /** Null for a surface-only model. */
  upper: tf.Tensor5D | null;
}

/**
 * Options of one forward pass. `training` (default false: evaluation) makes DropPath, Dropout and
 * the latent noise active; they then draw from `rng` (required when any of them has a non-zero
 * rate), e.g. the trainer's checkpointed generator, so a resumed run draws the same masks.
 */
export interface PanguForwardOptions extends ForwardOptions {
  /** Std of the latent noise added before and subtracted after each latent step (0: none). */
  latentNoise?: number;
  /**
   * Sees named intermediates (`embed_surface`, `tokens_after_patch_embed`, `after_layer1_block0`,
   * `after_layer1`, `after_downsample`, …, `after_layer4`) for layer-by-layer checks. Read them
   * synchronously; they are freed with the forward's other temporaries.
   */
  capture?: (name: string, t: tf.Tensor) => void;
  /** Activation checkpointing of every transformer block in training (default false): ~1/3 more compute, less memory. */
  checkpoint?: boolean;
}

/** One parameter of {@link Pangu.entries}: PyTorch key, shape and variable (`null` in a meta build). */
export interface PanguParameter {
  key: string;
  shape: number[];
  variable: tf.Variable | null;
}

/** Options of the {@link Pangu} constructor. */
export interface PanguBuildOptions {
  /** Build shapes only, allocating and drawing nothing (parameter counts, layer tables). */
  meta?: boolean;
  /** Generator of the initial weights; default `new Rng(config.seed)`. */
  rng?: Rng;
}

/**
 * `Pangu`: the Pangu-Weather 3-D Earth-specific transformer (Bi et al. 2023), as in
 * lizhuoq/WeatherLearn, for any grid, level count, batch size and number of latent steps.
 * Surface (+ masks) and upper-air fields are patch-embedded into one (Pl, Lat, Lon) token grid,
 * surface first; layer1 → DownSample → layer2 → layer3 → UpSample → layer4; the layer1 output is
 * concatenated as a skip before the patch recovery.
 */
export class Pangu extends Module {
  readonly config: PanguConfig;
  readonly geometry: PanguGeometry;
  readonly patchembed2d: PatchEmbed2D;
  readonly patchembed3d: PatchEmbed3D | null;
  readonly layer1: EarthSpecificLayer;
  readonly downsample: DownSample;
  readonly layer2: EarthSpecificLayer;
  readonly layer3: EarthSpecificLayer;
  readonly upsample: UpSample;
  readonly layer4: EarthSpecificLayer;
  readonly patchrecovery2d: PatchRecovery2D;
  readonly patchrecovery3d: PatchRecovery3D | null;
  /** FiLM after layer1…layer4 (`filmDim > 0`), else empty. */
  readonly films: FiLM[];

  /**
   * @param config a validated configuration (see `panguPreset`)
   * @param options `meta` (or `true`): build shapes only; `rng`: generator of the initial weights
   */
  constructor(config: PanguConfig, options: boolean | PanguBuildOptions = {}) {
    super();
    const o = typeof options === 'boolean' ? { meta: options } : options;
    const c = (this.config = validatePanguConfig({ ...config }));
    const g = (this.geometry = panguGeometry(c));
    // every initial weight comes from the one generator, seeded by the config (never Math.random)
    const rng = o.rng ?? new Rng(c.seed);
    const init = new Init({ rng, scheme: c.init, meta: o.meta ?? false });
    const C = c.embedDim;
    const [H, W] = c.gridSize;
    this.patchembed2d = this.child('patchembed2d', new PatchEmbed2D([H, W], c.patchSize2d, c.surfaceChans + c.surfaceMaskChans, C, init));
    this.patchembed3d = c.upperLevels > 0
      ? this.child('patchembed3d', new PatchEmbed3D([c.upperLevels, H, W], c.patchSize3d, c.upperChans, C, init))
      : null;
    const layer = (n: 1 | 2 | 3 | 4, dim: number, resolution: PanguGeometry['tokens']) => this.child(`layer${n}`, new EarthSpecificLayer({
      dim, inputResolution: resolution, depth: c.depths[n - 1], numHeads: c.numHeads[n - 1], windowSize: c.windowSize,
      shiftSize: c.shiftSize, mlpRatio: c.mlpRatio, qkvBias: c.qkvBias, qkScale: c.qkScale, drop: c.dropRate,
      attnDrop: c.attnDropRate, layerNormEps: c.layerNormEps,
      dropPath: Array.from({ length: c.depths[n - 1] }, (_, i) => dropPathRateOf(c, n, i)),
    }, init));
    this.layer1 = layer(1, C, g.tokens);
    this.downsample = this.child('downsample', new DownSample(C, g.tokens, g.tokensDown, init, c.layerNormEps));
    this.layer2 = layer(2, 2 * C, g.tokensDown);
    this.layer3 = layer(3, 2 * C, g.tokensDown);
    this.upsample = this.child('upsample', new UpSample(2 * C, C, g.tokensDown, g.tokens, init, c.layerNormEps));
    this.layer4 = layer(4, C, g.tokens);
    const recIn = C * (1 + c.timeStep);
    this.patchrecovery2d = this.child('patchrecovery2d', new PatchRecovery2D([H, W], c.patchSize2d, recIn, c.surfaceChans, init));
    this.patchrecovery3d = c.upperLevels > 0
      ? this.child('patchrecovery3d', new PatchRecovery3D([c.upperLevels, H, W], c.patchSize3d, recIn, c.upperChans, init))
      : null;
    const S = c.filmDim ?? 0;
    this.films = S > 0 ? [C, 2 * C, 2 * C, C].map((d, i) => this.child(`film${i + 1}`, new FiLM(S, d, init))) : [];
    // Residual learning starts from persistence: the surface head is zero, so the first forecast is x_last.
    if (c.residual && !o.meta) for (const p of this.patchrecovery2d.namedParameters()) p.variable.assign(tf.zerosLike(p.variable));
  }

  /** Parameters with their PyTorch keys and shapes, in `named_parameters()` order (meta builds too, with `variable: null`). */
  get entries(): PanguParameter[] {
    const info = this.parameterInfo();
    let vars: tf.Variable[] | null = null;
    try { vars = this.namedParameters().map((p) => p.variable); } catch { vars = null; }
    return info.map((p, i) => ({ key: p.name, shape: p.shape, variable: vars?.[i] ?? null }));
  }

  /**
   * The trainable variables, in PyTorch `named_parameters()` order.
   * @throws Error when the model was built in meta mode
   */
  parameters(): tf.Variable[] {
    return this.namedParameters().map((p) => p.variable);
  }

  /** Patch-embeds the inputs into tokens `(B, Pl_t·Lat_t·Lon_t, C)`. */
  embed(input: PanguInput, capture?: PanguForwardOptions['capture']): tf.Tensor3D {
    const c = this.config;
    const B = input.surface.shape[0];
    let surface: tf.Tensor4D = input.surface;
    if (c.surfaceMaskChans > 0) {
      const m = input.surfaceMask;
      if (!m) throw new Error(`Pangu: the model expects ${c.surfaceMaskChans} surface mask channels (input.surfaceMask)`);
      const m4 = m.rank === 3 ? tf.tile(tf.expandDims(m, 0), [B, 1, 1, 1]) : m;
      surface = tf.concat([surface, m4 as tf.Tensor4D], 1);
    }
    const es = this.patchembed2d.forward(surface);
    capture?.('embed_surface', tf.transpose(es, [0, 3, 1, 2]));
    const [, Ht, Wt, C] = es.shape;
    let grid: tf.Tensor = tf.expandDims(es, 1);
    if (this.patchembed3d) {
      if (!input.upper) throw new Error('Pangu: the model expects upper-air input (input.upper)');
      if (input.upper.shape[0] !== B) throw new Error(`Pangu: batch of upper (${input.upper.shape[0]}) differs from surface (${B})`);
      const eu = this.patchembed3d.forward(input.upper);
      capture?.('embed_upper', tf.transpose(eu, [0, 4, 1, 2, 3]));
      grid = concatAxis([grid, eu], 1);
    }
    const tokens = tf.reshape(grid, [B, -1, C]) as tf.Tensor3D;
    if (tokens.shape[1] !== this.geometry.tokens[0] * Ht * Wt) throw new Error('Pangu: token grid does not match the geometry');
    capture?.('tokens_after_patch_embed', tokens);
    return tokens;
  }

  /** One latent step: layer1 … layer4. Returns the new state and the layer1 output (skip). */
  step(x: tf.Tensor3D, options: PanguForwardOptions & { cond?: tf.Tensor2D | null } = {}): { x: tf.Tensor3D; skip: tf.Tensor3D } {
    const capture = options.capture;
    const film = (k: number, t: tf.Tensor3D): tf.Tensor3D => (this.films[k] ? this.films[k]!.forward(t, options.cond!) : t);
    const o = { training: options.training ?? false, rng: options.rng, checkpoint: options.checkpoint ?? false };
    const skip = film(0, this.layer1.forward(x, o, (i, y) => capture?.(`after_layer1_block${i}`, y)));
    capture?.('after_layer1', skip);
    let y = this.downsample.forward(skip);
    capture?.('after_downsample', y);
    y = film(1, this.layer2.forward(y, o));
    capture?.('after_layer2', y);
    y = film(2, this.layer3.forward(y, o));
    capture?.('after_layer3', y);
    y = this.upsample.forward(y);
    capture?.('after_upsample', y);
    y = film(3, this.layer4.forward(y, o));
    capture?.('after_layer4', y);
    return { x: y, skip };
  }

  /** Recovers output fields from the final state and the skips of every step. */
  recover(x: tf.Tensor3D, skips: tf.Tensor3D[]): PanguOutput {
    const [Pl, Lat, Lon] = this.geometry.tokens;
    const B = x.shape[0];
    const out = tf.concat([x, ...skips], -1);
    const D = out.shape[2];
    const grid = tf.reshape(out, [B, Pl, Lat, Lon, D]);
    const surface = this.patchrecovery2d.forward(tf.reshape(sliceAxis(grid, 1, 0, 1), [B, Lat, Lon, D]) as tf.Tensor4D);
    const upper = this.patchrecovery3d ? this.patchrecovery3d.forward(sliceAxis(grid, 1, 1, Pl - 1) as tf.Tensor5D) : null;
    return { surface, upper };
  }

  /**
   * The forward pass: embed, `timeStep` latent steps (with latent noise in training), recover.
   * @throws Error naming the layer when training with DropPath, Dropout or latent noise but no `rng`
   */
  apply(input: PanguInput, options: PanguForwardOptions = {}): PanguOutput {
    const training = options.training ?? false;
    const noise = options.latentNoise ?? 0;
    const rng = stochasticRng(training, noise, options.rng, 'Pangu latent noise');
    const gauss = (shape: number[]) => tf.tensor(rng!.normals(shape.reduce((a, b) => a * b, 1), 0, noise), shape, 'float32');
    if (this.films.length && !input.cond) throw new Error(`Pangu: the model has FiLM conditioning (filmDim ${this.config.filmDim}) but the input has no cond scalars`);
    let x = this.embed(input, options.capture);
    const skips: tf.Tensor3D[] = [];
    for (let t = 0; t < this.config.timeStep; t++) {
      if (rng) x = tf.add(x, gauss(x.shape));
      const r = this.step(x, { ...options, training, checkpoint: options.checkpoint ?? true, cond: input.cond ?? null });
      skips.push(r.skip);
      x = r.x;
      if (rng) x = tf.sub(x, gauss(x.shape));
    }
    const out = this.recover(x, skips);
    return this.config.residual ? { surface: tf.add(out.surface, input.surface) as tf.Tensor4D, upper: out.upper } : out;
  }

  /** The forward pass (alias of {@link apply}, the engine modules' name). */
  forward(input: PanguInput, options: PanguForwardOptions = {}): PanguOutput {
    return this.apply(input, options);
  }
}
