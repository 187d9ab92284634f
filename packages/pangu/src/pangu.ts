import { tf } from '@weatherlearn/engine';
import { validatePanguConfig, type PanguConfig } from './config.js';
import { BuildContext, type ParamEntry } from './module.js';
import { dropPathRateOf, panguGeometry, type PanguGeometry } from './geometry.js';
import { PatchEmbed2D } from './patchEmbed2d.js';
import { PatchEmbed3D } from './patchEmbed3d.js';
import { PatchRecovery2D } from './patchRecovery2d.js';
import { PatchRecovery3D } from './patchRecovery3d.js';
import { EarthSpecificLayer } from './earthSpecificLayer.js';
import { DownSample } from './downSample.js';
import { UpSample } from './upSample.js';
import { concatAxis, sliceAxis } from './nn/ops.js';

/** Inputs of {@link Pangu.apply}. */
export interface PanguInput {
  /** `(B, surfaceChans, Lat, Lon)`. */
  surface: tf.Tensor4D;
  /** Constant masks `(surfaceMaskChans, Lat, Lon)` (shared by the batch) or `(B, …)`. */
  surfaceMask?: tf.Tensor3D | tf.Tensor4D | null;
  /** `(B, upperChans, levels, Lat, Lon)`; required when `upperLevels > 0`. */
  upper?: tf.Tensor5D | null;
}

/** Outputs of {@link Pangu.apply}, in the inputs' layouts. */
export interface PanguOutput {
  surface: tf.Tensor4D;
  /** Null for a surface-only model. */
  upper: tf.Tensor5D | null;
}

/** Options of one forward pass. */
export interface PanguForwardOptions {
  /** Training mode: DropPath/Dropout active. Default false (evaluation). */
  training?: boolean;
  /** Std of the latent noise added before and subtracted after each latent step (0: none). */
  latentNoise?: number;
  /**
   * Sees named intermediates (`embed_surface`, `tokens_after_patch_embed`, `after_layer1_block0`,
   * `after_layer1`, `after_downsample`, …, `after_layer4`) for layer-by-layer checks. Read them
   * synchronously; they are freed with the forward's other temporaries.
   */
  capture?: (name: string, t: tf.Tensor) => void;
  /** Activation checkpointing of every transformer block in training (default true): ~1/3 more compute, far less memory. */
  checkpoint?: boolean;
}

/**
 * `Pangu`: the Pangu-Weather 3-D Earth-specific transformer (Bi et al. 2023), as in
 * lizhuoq/WeatherLearn, for any grid, level count, batch size and number of latent steps.
 * Surface (+ masks) and upper-air fields are patch-embedded into one (Pl, Lat, Lon) token grid,
 * surface first; layer1 → DownSample → layer2 → layer3 → UpSample → layer4; the layer1 output is
 * concatenated as a skip before the patch recovery.
 */
export class Pangu {
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
  /** Parameters with their PyTorch keys, in `named_parameters()` order. */
  readonly entries: ParamEntry[];

  /**
   * @param config a validated configuration (see `panguPreset`)
   * @param meta build shapes only, allocating nothing (parameter counts, layer tables)
   */
  constructor(config: PanguConfig, meta = false) {
    const c = (this.config = validatePanguConfig({ ...config }));
    const g = (this.geometry = panguGeometry(c));
    const ctx = new BuildContext(meta, c.seed);
    const C = c.embedDim;
    const [H, W] = c.gridSize;
    this.patchembed2d = new PatchEmbed2D(ctx, 'patchembed2d', [H, W], c.patchSize2d, c.surfaceChans + c.surfaceMaskChans, C);
    this.patchembed3d = c.upperLevels > 0
      ? new PatchEmbed3D(ctx, 'patchembed3d', [c.upperLevels, H, W], c.patchSize3d, c.upperChans, C)
      : null;
    const layer = (n: 1 | 2 | 3 | 4, dim: number, resolution: PanguGeometry['tokens']) => new EarthSpecificLayer(ctx, `layer${n}`, {
      dim, inputResolution: resolution, depth: c.depths[n - 1], numHeads: c.numHeads[n - 1], windowSize: c.windowSize,
      shiftSize: c.shiftSize, mlpRatio: c.mlpRatio, qkvBias: c.qkvBias, qkScale: c.qkScale, drop: c.dropRate,
      attnDrop: c.attnDropRate, layerNormEps: c.layerNormEps,
      dropPath: Array.from({ length: c.depths[n - 1] }, (_, i) => dropPathRateOf(c, n, i)),
    });
    this.layer1 = layer(1, C, g.tokens);
    this.downsample = new DownSample(ctx, 'downsample', C, g.tokens, g.tokensDown, c.layerNormEps);
    this.layer2 = layer(2, 2 * C, g.tokensDown);
    this.layer3 = layer(3, 2 * C, g.tokensDown);
    this.upsample = new UpSample(ctx, 'upsample', 2 * C, C, g.tokensDown, g.tokens, c.layerNormEps);
    this.layer4 = layer(4, C, g.tokens);
    const recIn = C * (1 + c.timeStep);
    this.patchrecovery2d = new PatchRecovery2D(ctx, 'patchrecovery2d', [H, W], c.patchSize2d, recIn, c.surfaceChans);
    this.patchrecovery3d = c.upperLevels > 0
      ? new PatchRecovery3D(ctx, 'patchrecovery3d', [c.upperLevels, H, W], c.patchSize3d, recIn, c.upperChans)
      : null;
    this.entries = ctx.entries;
  }

  /** The trainable variables, in PyTorch `named_parameters()` order. */
  parameters(): tf.Variable[] {
    return this.entries.map((e) => {
      if (!e.variable) throw new Error('Pangu: this model was built in meta mode (shapes only)');
      return e.variable;
    });
  }

  /** Total number of trainable scalars. */
  parameterCount(): number {
    return this.entries.reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0);
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
    const es = this.patchembed2d.apply(surface);
    capture?.('embed_surface', tf.transpose(es, [0, 3, 1, 2]));
    const [, Ht, Wt, C] = es.shape;
    let grid: tf.Tensor = tf.expandDims(es, 1);
    if (this.patchembed3d) {
      if (!input.upper) throw new Error('Pangu: the model expects upper-air input (input.upper)');
      if (input.upper.shape[0] !== B) throw new Error(`Pangu: batch of upper (${input.upper.shape[0]}) differs from surface (${B})`);
      const eu = this.patchembed3d.apply(input.upper);
      capture?.('embed_upper', tf.transpose(eu, [0, 4, 1, 2, 3]));
      grid = concatAxis([grid, eu], 1);
    }
    const tokens = tf.reshape(grid, [B, -1, C]) as tf.Tensor3D;
    if (tokens.shape[1] !== this.geometry.tokens[0] * Ht * Wt) throw new Error('Pangu: token grid does not match the geometry');
    capture?.('tokens_after_patch_embed', tokens);
    return tokens;
  }

  /** One latent step: layer1 … layer4. Returns the new state and the layer1 output (skip). */
  step(x: tf.Tensor3D, training = false, capture?: PanguForwardOptions['capture'], checkpoint = false): { x: tf.Tensor3D; skip: tf.Tensor3D } {
    const skip = this.layer1.apply(x, training, (i, y) => capture?.(`after_layer1_block${i}`, y), checkpoint);
    capture?.('after_layer1', skip);
    let y = this.downsample.apply(skip);
    capture?.('after_downsample', y);
    y = this.layer2.apply(y, training, undefined, checkpoint);
    capture?.('after_layer2', y);
    y = this.layer3.apply(y, training, undefined, checkpoint);
    capture?.('after_layer3', y);
    y = this.upsample.apply(y);
    capture?.('after_upsample', y);
    y = this.layer4.apply(y, training, undefined, checkpoint);
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
    const surface = this.patchrecovery2d.apply(tf.reshape(sliceAxis(grid, 1, 0, 1), [B, Lat, Lon, D]) as tf.Tensor4D);
    const upper = this.patchrecovery3d ? this.patchrecovery3d.apply(sliceAxis(grid, 1, 1, Pl - 1) as tf.Tensor5D) : null;
    return { surface, upper };
  }

  /** The forward pass: embed, `timeStep` latent steps (with latent noise in training), recover. */
  apply(input: PanguInput, options: PanguForwardOptions = {}): PanguOutput {
    const training = options.training ?? false;
    const noise = training ? options.latentNoise ?? 0 : 0;
    let x = this.embed(input, options.capture);
    const skips: tf.Tensor3D[] = [];
    for (let t = 0; t < this.config.timeStep; t++) {
      if (noise > 0) x = tf.add(x, tf.randomNormal(x.shape, 0, noise));
      const r = this.step(x, training, options.capture, options.checkpoint ?? true);
      skips.push(r.skip);
      x = r.x;
      if (noise > 0) x = tf.sub(x, tf.randomNormal(x.shape, 0, noise));
    }
    return this.recover(x, skips);
  }

  /** Frees every variable and constant tensor of the model. */
  dispose(): void {
    for (const e of this.entries) e.variable?.dispose();
    for (const l of [this.layer1, this.layer2, this.layer3, this.layer4]) l.dispose();
  }
}
