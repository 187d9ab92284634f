import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { tf } from '@weatherlearn/engine';
import { Pangu, loadTorchStateDict } from '@weatherlearn/pangu';
import { resolveConfig } from '../config/resolve.js';
import { panguConfigFrom } from '../runs/pangu.js';
import { DEFAULT_APP_CONFIG as DEFAULT_TRAIN_CONFIG } from '../config/schema.js';
import type { TrainConfig } from '../runs/train-config.js';

/** A trained forecast model ready for inference. */
export interface ForecastModel {
  /** Name in scorecards (the run folder's name, or the weights file's). */
  name: string;
  /**
   * One step: normalised `(B, C, H, W)` in, normalised `(B, C, H, W)` out (inference mode); a FiLM
   * model (`condDim > 0`) also takes the `(B, condDim)` normalised conditioning scalars, a
   * multi-frame model (`inputFrames` k > 1) the `(B, C·(k − 1), H, W)` earlier frames, oldest first
   * (as training stacks them). A residual model (`pangu.residual`) adds `x` (the last frame) itself.
   */
  step(x: tf.Tensor4D, cond?: tf.Tensor2D, history?: tf.Tensor4D): tf.Tensor4D;
  /** Conditioning scalars per step (`pangu.film`), 0 for none. */
  condDim: number;
  /** Frames per input (`pangu.inputFrames`): the current one and k − 1 earlier ones. */
  inputFrames: number;
  dispose(): void;
}

/** Where a model comes from: a run folder, or weights + train config. */
export type ModelSource = { run: string } | { weights: string; config?: string };

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(over)) {
    const b = base[k];
    base[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
      ? deepMerge({ ...(b as Record<string, unknown>) }, v as Record<string, unknown>) : v;
  }
  return base;
}

/** The train config of a run folder (`resolved-config.json`) over the defaults; errors name the file. */
export function readRunConfig(runDir: string): TrainConfig {
  const file = join(runDir, 'resolved-config.json');
  if (!existsSync(file)) throw new Error(`${runDir}: not a run folder (no resolved-config.json; train one with \`weatherlearn train pangu --out ${runDir}\`)`);
  let saved: { model?: string; config?: Record<string, unknown> };
  try { saved = JSON.parse(readFileSync(file, 'utf8')) as typeof saved; } catch (e) { throw new Error(`${file}: not valid JSON (${(e as Error).message})`); }
  if (saved.model !== undefined && saved.model !== 'pangu') throw new Error(`${file}: a ${saved.model} run; forecast/evaluate need a pangu run`);
  if (!saved.config || typeof saved.config !== 'object') throw new Error(`${file}: field 'config' is missing`);
  return deepMerge(structuredClone(DEFAULT_TRAIN_CONFIG) as unknown as Record<string, unknown>, saved.config) as unknown as TrainConfig;
}

/**
 * Builds the Pangu of a run (its train config, the dataset's frame shape `[C, H, W]`) and loads its
 * `final.pt` (or `weights`). Errors name the file and the mismatching key or shape.
 */
export async function loadForecastModel(src: ModelSource, shape: readonly [number, number, number], data: { channels?: string[]; scalars?: number } = {}): Promise<ForecastModel> {
  const cfg = 'run' in src ? readRunConfig(src.run) : src.config ? resolveConfig(DEFAULT_TRAIN_CONFIG, { file: src.config }) : structuredClone(DEFAULT_TRAIN_CONFIG);
  const weights = 'run' in src ? join(src.run, 'final.pt') : src.weights;
  if (!existsSync(weights) || !statSync(weights).isFile()) throw new Error(`${weights}: no such weights file${'run' in src ? ' (has the run finished?)' : ''}`);
  const pc = panguConfigFrom(cfg, shape, data);
  const model = new Pangu(pc);
  try {
    await loadTorchStateDict(model, weights);
  } catch (e) {
    model.dispose();
    throw new Error(`${weights}: does not fit a pangu model for frames [${shape.join(', ')}]: ${(e as Error).message}`);
  }
  const name = 'run' in src ? basename(resolve(src.run)) : basename(weights).replace(/\.(pt|pth|safetensors)$/, '');
  return {
    name,
    step: (x, cond, history) => {
      const k = cfg.pangu.inputFrames;
      if (k > 1 && history?.shape[1] !== shape[0] * (k - 1)) throw new Error(`${name}: a model with pangu.inputFrames ${k} needs the ${k - 1} earlier frame(s) (${shape[0] * (k - 1)} channels), got ${history?.shape[1] ?? 'none'}`);
      return tf.tidy(() => model.apply({ surface: x, ...(cond ? { cond } : {}), ...(k > 1 && history ? { surfaceMask: history } : {}) }).surface);
    },
    condDim: pc.filmDim ?? 0,
    inputFrames: cfg.pangu.inputFrames,
    dispose: () => model.dispose(),
  };
}

/** What of a dataset decides the model's shape besides `[C, H, W]`: channel names and conditioning scalars. */
export function evalDataShape(d: { channels: string[]; dataset: { index: { scalars?: { names: string[] } } } }): { channels: string[]; scalars: number } {
  return { channels: d.channels, scalars: d.dataset.index.scalars?.names.length ?? 0 };
}
