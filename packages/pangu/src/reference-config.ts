import { DEFAULT_PANGU_CONFIG, validatePanguConfig, type PanguConfig } from './config.js';

type Json = Record<string, unknown>;

function tuple(h: Json, key: string, len: number): number[] {
  const v = h[key];
  if (!Array.isArray(v) || v.length !== len || !v.every((x) => typeof x === 'number')) {
    throw new Error(`config.json: hyperparameters["${key}"] must be ${len} numbers, got ${JSON.stringify(v)}`);
  }
  return v as number[];
}

function num(h: Json, key: string): number {
  const v = h[key];
  if (typeof v !== 'number') throw new Error(`config.json: hyperparameters["${key}"] must be a number, got ${JSON.stringify(v)}`);
  return v;
}

/** True when a reference `config.json` describes a Pangu model. */
export function isPanguReferenceConfig(config: Json): boolean {
  return typeof config.model === 'string' && /pangu/i.test(config.model);
}

/**
 * Builds a {@link PanguConfig} from the `hyperparameters` of a reference `config.json`
 * (../shared/reference/pangu). Errors name the missing or malformed field.
 */
export function panguConfigFromReference(config: Json): PanguConfig {
  const h = config.hyperparameters as Json | undefined;
  if (!h || typeof h !== 'object') throw new Error('config.json: missing "hyperparameters"');
  const shift = h.shift_size as Json | undefined;
  const odd = shift && Array.isArray(shift.odd_blocks) ? (shift.odd_blocks as number[]) : [1, 3, 6];
  const dpr = Array.isArray(h.drop_path_rate_list) ? (h.drop_path_rate_list as number[]) : [0, 0.2];
  return validatePanguConfig({
    ...DEFAULT_PANGU_CONFIG,
    embedDim: num(h, 'embed_dim'),
    numHeads: tuple(h, 'num_heads', 4) as PanguConfig['numHeads'],
    depths: tuple(h, 'depths', 4) as PanguConfig['depths'],
    windowSize: tuple(h, 'window_size', 3) as PanguConfig['windowSize'],
    shiftSize: odd as PanguConfig['shiftSize'],
    gridSize: tuple(h, 'surface_grid_lat_lon', 2) as PanguConfig['gridSize'],
    upperLevels: num(h, 'upper_levels'),
    surfaceChans: num(h, 'surface_vars'),
    surfaceMaskChans: num(h, 'surface_mask_chans'),
    upperChans: num(h, 'upper_vars'),
    patchSize2d: tuple(h, 'patch_size_2d', 2) as PanguConfig['patchSize2d'],
    patchSize3d: tuple(h, 'patch_size_3d', 3) as PanguConfig['patchSize3d'],
    mlpRatio: num(h, 'mlp_ratio'),
    qkvBias: h.qkv_bias !== false,
    qkScale: typeof h.qk_scale === 'number' ? h.qk_scale : null,
    layerNormEps: num(h, 'layer_norm_eps'),
    dropRate: typeof h.drop === 'number' ? h.drop : 0,
    attnDropRate: typeof h.attn_drop === 'number' ? h.attn_drop : 0,
    dropPathRate: Math.max(...dpr),
    seed: 0,
  });
}
