// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/pangu.py:Pangu_lite
/**
 * Hyper-parameters of {@link Pangu}. Every size the original hard-codes (grid, levels, depths,
 * shift, patch sizes) is a field here, so the same code runs the 721×1440 / 13-level weather model,
 * the lite variant, the 2-D SuperDARN variant and the small reference configuration.
 */

import type { InitScheme } from '@weatherlearn/engine/nn';

/**
 * Which loss the training module uses: `l1-weighted` = L1(upper) + surfaceWeight·L1(surface), mean
 * reduction (upstream `examples/pangu_lite/train.py` and the paper); `mse-mean` = MSE over every output;
 * `mse-sum` = `MSELoss(reduction='sum')` as the SuperDARN seed (its scale grows with grid and batch).
 */
export type PanguLoss = 'l1-weighted' | 'mse-mean' | 'mse-sum' | 'smooth-l1';

/** Every {@link PanguLoss}. */
export const PANGU_LOSSES: readonly PanguLoss[] = ['l1-weighted', 'mse-mean', 'mse-sum', 'smooth-l1'];

/**
 * The token grid of layers 2/3: `half` = ⌈tokens/2⌉ per lat/lon axis (upstream Pangu, and the
 * paper); `seed` = `gridSize // 6` per axis as the SuperDARN seed hard-codes (300 → 75 tokens → 50;
 * it must lie between ⌈tokens/2⌉ and the token grid).
 */
export type PanguDownsample = 'half' | 'seed';

/**
 * Which of `linspace(0, dropPathRate, depths[0] + depths[1])` each block gets: `pangu` = layers 1/4
 * take `[:depths[0]]` and layers 2/3 `[depths[0]:]` (upstream); `seed` = every layer takes
 * `[depths[0]:]` (the SuperDARN seed slices `drop_path[2:]` for layers 1 and 4 too).
 */
export type PanguDropPathSchedule = 'pangu' | 'seed';

/** Every hyper-parameter of the Pangu network and its training module. */
export interface PanguConfig {
  /** Patch-embedding width C (layers 1/4 use C, layers 2/3 use 2C). */
  embedDim: number;
  /** Attention heads of layers 1..4. */
  numHeads: [number, number, number, number];
  /** Blocks in layers 1..4 (original: 2, 6, 6, 2). */
  depths: [number, number, number, number];
  /** Window (pressure levels, latitude, longitude). */
  windowSize: [number, number, number];
  /** Shift of the odd ("shifted") blocks; the original hard-codes (1, 3, 6). */
  shiftSize: [number, number, number];
  /** Surface grid (latitude, longitude) of the inputs. */
  gridSize: [number, number];
  /** Upper-air pressure levels; 0 makes a surface-only (2-D) model. */
  upperLevels: number;
  /** Surface variables (input and output channels of the surface branch). */
  surfaceChans: number;
  /** Constant mask channels appended to the surface input (topography, land-sea, soil type). */
  surfaceMaskChans: number;
  /** Upper-air variables (ignored when `upperLevels` is 0). */
  upperChans: number;
  /** Patch size (lat, lon) of the surface embedding. */
  patchSize2d: [number, number];
  /** Patch size (levels, lat, lon) of the upper-air embedding. */
  patchSize3d: [number, number, number];
  /** MLP hidden width = round-down(dim × mlpRatio). */
  mlpRatio: number;
  /** Learnable bias on q, k, v. */
  qkvBias: boolean;
  /** Attention scale override; null means head_dim^-0.5. */
  qkScale: number | null;
  /** Dropout after the MLP and the attention projection. */
  dropRate: number;
  /** Dropout on the attention weights. */
  attnDropRate: number;
  /** Largest stochastic-depth rate; rates are linspace(0, rate, depths[0] + depths[1]). */
  dropPathRate: number;
  /** Which of those rates each block gets (see {@link PanguDropPathSchedule}); default `pangu`. */
  dropPathSchedule: PanguDropPathSchedule;
  /** Token grid of layers 2/3 (see {@link PanguDownsample}); default `half`. */
  downsample: PanguDownsample;
  /**
   * Linear init: `torch-default` (U(±1/√fan_in) weights and biases — both originals, which have no
   * `_init_weights`) or `trunc-normal` (std 0.02, zero bias, timm style). The earth bias table is
   * trunc-normal(0.02) and the (de)convolutions torch's default either way. Default `torch-default`.
   */
  init: InitScheme;
  /** LayerNorm epsilon. */
  layerNormEps: number;
  /** Latent steps per forward (SuperDARN multi-step); the skip of every step reaches the recovery. */
  timeStep: number;
  /** Std of the Gaussian noise added to the latent state before and after each step in training. */
  noiseFactor: number;
  /** Training loss. */
  loss: PanguLoss;
  /** Weight of the surface term of the `l1-weighted` loss (pseudocode: 0.25). */
  surfaceWeight: number;
  /**
   * Seed of the parameter initialisation (`new Rng(seed)`), an integer in [0, 2³²). Default 0: every
   * model is reproducible; there is no "random seed" (pass a different seed for different weights).
   */
  seed: number;
  /** Conditioning scalars per sample (`PanguInput.cond`); > 0 adds a zero-initialised FiLM after each of layer1–4. Default 0. */
  filmDim?: number;
  /** Predict the change: the surface output is `x_last + head(…)` with a zero-initialised head. Default false. */
  residual?: boolean;
  /** β of the `smooth-l1` loss (default 1, torch's). */
  smoothL1Beta?: number;
  /** Per-surface-channel loss weights of `smooth-l1` ([]: all 1). */
  channelWeights?: number[];
  /** `smooth-l1`: surface channel of the target (0–1 occupancy/coverage) weighting every other channel's error per pixel; −1 off (default). */
  lossMaskChannel?: number;
  /**
   * The surface channels the `lossMaskChannel` mask weights ([] or absent: every channel but the mask
   * channel, ours); the others count on every pixel. The 2026 original masks only [0, 1] (obs_vn, obs_ve).
   */
  lossMaskChannels?: number[];
  /** `soft` (ours, default): the mask channel clipped to 0–1 is the weight; `hard` (the 2026 original): 1 where it is > 0, else 0. */
  lossMaskMode?: 'soft' | 'hard';
}

/** The original Pangu-Weather configuration (lizhuoq/WeatherLearn `Pangu`, the paper's model). */
export const DEFAULT_PANGU_CONFIG: PanguConfig = {
  embedDim: 192,
  numHeads: [6, 12, 12, 6],
  depths: [2, 6, 6, 2],
  windowSize: [2, 6, 12],
  shiftSize: [1, 3, 6],
  gridSize: [721, 1440],
  upperLevels: 13,
  surfaceChans: 4,
  surfaceMaskChans: 3,
  upperChans: 5,
  patchSize2d: [4, 4],
  patchSize3d: [2, 4, 4],
  mlpRatio: 4,
  qkvBias: true,
  qkScale: null,
  dropRate: 0,
  attnDropRate: 0,
  dropPathRate: 0.2,
  dropPathSchedule: 'pangu',
  downsample: 'half',
  init: 'torch-default',
  layerNormEps: 1e-5,
  timeStep: 1,
  noiseFactor: 0,
  loss: 'l1-weighted',
  surfaceWeight: 0.25,
  seed: 0,
};

/** `Pangu_lite`: patches (2,8,8)/(8,8), so a 4× smaller token grid. */
export const DEFAULT_PANGU_LITE_CONFIG: PanguConfig = {
  ...DEFAULT_PANGU_CONFIG,
  patchSize2d: [8, 8],
  patchSize3d: [2, 8, 8],
};

/**
 * The SuperDARN variant (st7ma784/WeatherLearn PTL): a surface-only 2-D model on a G×G grid of
 * 5 channels, with multi-step latent forecasting, latent noise and an MSE loss.
 */
export const DEFAULT_SUPERDARN_CONFIG: PanguConfig = {
  ...DEFAULT_PANGU_CONFIG,
  embedDim: 128,
  numHeads: [8, 16, 16, 8],
  windowSize: [2, 8, 16],
  gridSize: [300, 300],
  upperLevels: 0,
  surfaceChans: 5,
  surfaceMaskChans: 0,
  upperChans: 0,
  noiseFactor: 0.1,
  loss: 'mse-mean',
};

/** A SuperDARN-variant model small enough to train in seconds on a laptop CPU (the CLI's default). */
export const TINY_PANGU_CONFIG: PanguConfig = {
  ...DEFAULT_SUPERDARN_CONFIG,
  embedDim: 8,
  numHeads: [2, 2, 2, 2],
  depths: [2, 2, 2, 2],
  windowSize: [2, 4, 4],
  shiftSize: [1, 2, 2],
  gridSize: [16, 16],
  dropPathRate: 0.1,
};

/** Named presets accepted by {@link panguPreset}, `weatherlearn model info --preset` and `pangu.preset`. */
export const PANGU_PRESETS: Readonly<Record<string, PanguConfig>> = {
  'pangu-weather': DEFAULT_PANGU_CONFIG,
  'pangu-lite': DEFAULT_PANGU_LITE_CONFIG,
  superdarn: DEFAULT_SUPERDARN_CONFIG,
  tiny: TINY_PANGU_CONFIG,
};

/** A preset with overrides, validated. Unknown names throw with the list of presets. */
export function panguPreset(name: string, overrides: Partial<PanguConfig> = {}): PanguConfig {
  const base = PANGU_PRESETS[name];
  if (!base) throw new Error(`unknown Pangu preset "${name}"; known presets: ${Object.keys(PANGU_PRESETS).join(', ')}`);
  return validatePanguConfig({ ...base, ...overrides });
}

function positiveInts(name: string, v: readonly number[], len: number, allowZero = false): void {
  if (!Array.isArray(v) || v.length !== len || !v.every((x) => Number.isInteger(x) && (allowZero ? x >= 0 : x > 0))) {
    throw new Error(`PanguConfig.${name} must be ${len} ${allowZero ? 'non-negative' : 'positive'} integers, got ${JSON.stringify(v)}`);
  }
}

/** Checks a configuration and returns it; errors name the field. */
export function validatePanguConfig(c: PanguConfig): PanguConfig {
  positiveInts('numHeads', c.numHeads, 4);
  positiveInts('depths', c.depths, 4);
  positiveInts('windowSize', c.windowSize, 3);
  positiveInts('shiftSize', c.shiftSize, 3, true);
  positiveInts('gridSize', c.gridSize, 2);
  positiveInts('patchSize2d', c.patchSize2d, 2);
  positiveInts('patchSize3d', c.patchSize3d, 3);
  for (const k of ['embedDim', 'surfaceChans', 'timeStep'] as const) {
    if (!Number.isInteger(c[k]) || c[k] <= 0) throw new Error(`PanguConfig.${k} must be a positive integer, got ${c[k]}`);
  }
  for (const k of ['upperLevels', 'surfaceMaskChans', 'upperChans'] as const) {
    if (!Number.isInteger(c[k]) || c[k] < 0) throw new Error(`PanguConfig.${k} must be a non-negative integer, got ${c[k]}`);
  }
  if (c.upperLevels > 0 && c.upperChans === 0) throw new Error('PanguConfig.upperChans must be > 0 when upperLevels > 0');
  if (c.upperLevels > 0 && (c.patchSize3d[1] !== c.patchSize2d[0] || c.patchSize3d[2] !== c.patchSize2d[1])) {
    throw new Error(`PanguConfig.patchSize3d lat/lon ${c.patchSize3d.slice(1)} must equal patchSize2d ${c.patchSize2d}`);
  }
  c.numHeads.forEach((h, i) => {
    const dim = i === 1 || i === 2 ? 2 * c.embedDim : c.embedDim;
    if (dim % h !== 0) throw new Error(`PanguConfig.numHeads[${i}] = ${h} does not divide the layer width ${dim}`);
  });
  c.shiftSize.forEach((s, i) => {
    if (s >= c.windowSize[i]!) throw new Error(`PanguConfig.shiftSize[${i}] = ${s} must be smaller than windowSize[${i}] = ${c.windowSize[i]}`);
  });
  if (!(c.mlpRatio > 0)) throw new Error(`PanguConfig.mlpRatio must be > 0, got ${c.mlpRatio}`);
  for (const k of ['dropRate', 'attnDropRate', 'dropPathRate'] as const) {
    if (!(c[k] >= 0 && c[k] < 1)) throw new Error(`PanguConfig.${k} must be in [0, 1), got ${c[k]}`);
  }
  if (!(Number.isInteger(c.seed) && c.seed >= 0 && c.seed < 2 ** 32)) {
    throw new Error(`PanguConfig.seed must be an integer in [0, 2^32), got ${JSON.stringify(c.seed)}${c.seed === null ? ' (null no longer draws a random seed: pass one, e.g. 0)' : ''}`);
  }
  if (!(c.noiseFactor >= 0)) throw new Error(`PanguConfig.noiseFactor must be >= 0, got ${c.noiseFactor}`);
  const choice = <K extends 'dropPathSchedule' | 'downsample' | 'init'>(k: K, ok: readonly PanguConfig[K][]) => {
    if (!ok.includes(c[k])) throw new Error(`PanguConfig.${k} must be one of ${ok.map((v) => `"${v}"`).join(', ')}, got ${JSON.stringify(c[k])}`);
  };
  choice('dropPathSchedule', ['pangu', 'seed']);
  choice('downsample', ['half', 'seed']);
  choice('init', ['torch-default', 'trunc-normal']);
  if (c.filmDim !== undefined && !(Number.isInteger(c.filmDim) && c.filmDim >= 0)) throw new Error(`PanguConfig.filmDim must be a non-negative integer, got ${c.filmDim}`);
  if (c.smoothL1Beta !== undefined && !(c.smoothL1Beta > 0)) throw new Error(`PanguConfig.smoothL1Beta must be > 0, got ${c.smoothL1Beta}`);
  if (c.channelWeights?.length && c.channelWeights.length !== c.surfaceChans) throw new Error(`PanguConfig.channelWeights has ${c.channelWeights.length} weights for ${c.surfaceChans} surface channels`);
  const mk = c.lossMaskChannel ?? -1;
  if (!(Number.isInteger(mk) && mk >= -1 && mk < c.surfaceChans)) throw new Error(`PanguConfig.lossMaskChannel must be −1 or a surface channel index < ${c.surfaceChans}, got ${mk}`);
  for (const ch of c.lossMaskChannels ?? []) if (!(Number.isInteger(ch) && ch >= 0 && ch < c.surfaceChans)) throw new Error(`PanguConfig.lossMaskChannels must hold surface channel indices < ${c.surfaceChans}, got ${JSON.stringify(c.lossMaskChannels)}`);
  if (c.lossMaskMode !== undefined && !['soft', 'hard'].includes(c.lossMaskMode)) throw new Error(`PanguConfig.lossMaskMode must be one of "soft", "hard", got ${JSON.stringify(c.lossMaskMode)}`);
  if (!PANGU_LOSSES.includes(c.loss)) throw new Error(`PanguConfig.loss must be one of ${PANGU_LOSSES.join(', ')}; got ${JSON.stringify(c.loss)}`);
  return c;
}
