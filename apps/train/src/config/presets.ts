/**
 * The layer between the global defaults and what a user sets: per-model defaults (DINO's recipe for
 * `train dino`, the upstream Pangu recipe for `train pangu`) and the Pangu architecture preset.
 * Both fill only the keys that no config file, environment variable or `--set` named, so
 * `"pangu": {"preset": "superdarn"}` gives the seed's full-width model and `"pangu": {"preset":
 * "superdarn", "embedDim": 64}` changes only the width. `--print-config` shows the result.
 */
import { PANGU_PRESETS } from '@weatherlearn/pangu';
import { ConfigError, resolveConfigTracked, type ConfigSources } from './resolve.js';
import { CONFIG_ENUMS, DEFAULT_APP_CONFIG, type AppConfig } from './schema.js';

type Leaf = number | string | boolean | number[] | string[];

// main_dino.py (and main_dino2k.py): --lr 0.0005 (× batch/256), --min_lr 1e-6, --weight_decay 0.04 → 0.4, --clip_grad 3.0 per parameter.
const DINO_RECIPE: Readonly<Record<string, Leaf>> = {
  'optim.lr': 5e-4, 'optim.minLr': 1e-6, 'optim.weightDecay': 0.04, 'optim.weightDecayEnd': 0.4,
  'trainer.gradientClipVal': 3, 'trainer.gradientClipAlgorithm': 'per-parameter',
};

/** Defaults that differ by model: the originals' recipes (each differs from the global default for a reason given here). */
export const MODEL_DEFAULTS: Readonly<Record<string, Readonly<Record<string, Leaf>>>> = {
  // examples/pangu_lite/train.py: torch.optim.Adam(lr 5e-4, weight_decay 3e-6), no clipping.
  pangu: { 'optim.lr': 5e-4, 'optim.weightDecay': 3e-6, 'optim.weightDecayEnd': 3e-6, 'trainer.gradientClipVal': 0 },
  dino: DINO_RECIPE,
  dino2k: DINO_RECIPE,
};

/** The `pangu.*` keys a preset sets (every architecture dimension it names). */
const PRESET_KEYS = ['embedDim', 'numHeads', 'depths', 'windowSize', 'shiftSize', 'patchSize2d', 'mlpRatio', 'noiseFactor', 'dropPathRate'] as const;

function setLeaf(cfg: AppConfig, path: string, value: Leaf): void {
  const parts = path.split('.');
  let o = cfg as unknown as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) o = o[p] as Record<string, unknown>;
  o[parts.at(-1)!] = Array.isArray(value) ? [...value] : value;
}

/**
 * Applies `model`'s defaults and the `pangu.preset` architecture to the keys not in `explicit`.
 * An unknown preset is a {@link ConfigError} listing the known ones.
 */
export function applyModelDefaults(cfg: AppConfig, model: string | undefined, explicit: ReadonlySet<string>): AppConfig {
  for (const [k, v] of Object.entries((model && MODEL_DEFAULTS[model]) || {})) if (!explicit.has(k)) setLeaf(cfg, k, v);
  const preset = PANGU_PRESETS[cfg.pangu.preset];
  if (!preset) throw new ConfigError(`config key "pangu.preset" must be one of ${Object.keys(PANGU_PRESETS).join(', ')}; got ${JSON.stringify(cfg.pangu.preset)}`);
  for (const k of PRESET_KEYS) {
    if (!explicit.has(`pangu.${k}`)) setLeaf(cfg, `pangu.${k}`, preset[k] as Leaf);
  }
  return cfg;
}

/**
 * The whole resolution: defaults < per-model defaults and preset < config files < environment <
 * `--set`. `model` is the trained model (`pangu`, `dino`, `dino2k`) or undefined for other commands.
 */
export function resolveAppConfig(sources: ConfigSources, model?: string): AppConfig {
  const { config, explicit } = resolveConfigTracked(DEFAULT_APP_CONFIG, { ...sources, enums: CONFIG_ENUMS });
  for (const key of ['threads', 'cpuCacheMiB'] as const) {
    const v = config.engine[key];
    if (!(v >= 0)) throw new ConfigError(`config key "engine.${key}" must be a number ≥ 0${key === 'cpuCacheMiB' ? ' (0 turns the CPU block cache off)' : ' (0: the library default)'}, got ${v}`);
  }
  return applyModelDefaults(config, model, explicit);
}
