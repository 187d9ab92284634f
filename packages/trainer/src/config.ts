import type { GradientClipAlgorithm } from './clip.js';
import type { EarlyStoppingConfig } from './early-stopping.js';

/** Where and how often checkpoints are written. */
export interface CheckpointConfig {
  /** Folder of `step-N/` checkpoints and the `last` / `best` pointers; '' disables checkpoints. */
  dir: string;
  /** Save every N optimizer steps (0: only at epoch ends, on request and at the end). */
  everyNSteps: number;
  /** Save at the end of every epoch. */
  everyEpoch: boolean;
  /** Keep the newest K step checkpoints (the best one is always kept); 0 keeps all. */
  keepLastK: number;
  /** Metric that selects the `best` checkpoint ('' : none), e.g. `val_loss`. */
  monitor: string;
  mode: 'min' | 'max';
}

/** Options of the {@link Trainer} (Lightning `Trainer` arguments, camel-cased). */
export interface TrainerConfig {
  maxEpochs: number;
  /** Stop after this many optimizer steps; -1: no limit (maxEpochs decides). */
  maxSteps: number;
  /** Micro-batches whose gradients are averaged into one optimizer step. */
  accumulateGradBatches: number;
  /** Clip threshold; 0 disables clipping (the original uses 0.25 with `norm`). */
  gradientClipVal: number;
  gradientClipAlgorithm: GradientClipAlgorithm;
  /** Validate every N optimizer steps; 0: at the end of each epoch. */
  valCheckInterval: number;
  /** At most this many validation batches per check; 0: all. */
  limitValBatches: number;
  /** Early stopping, or null for none. */
  earlyStopping: EarlyStoppingConfig | null;
  /** Run N training and N validation batches only, with no checkpoints and no logging; 0: off. */
  fastDevRun: number;
  /** Seed of the trainer's generator (`StepContext.rng`, checkpointed). */
  seed: number;
  /**
   * Kept for config compatibility (Lightning's `deterministic`): runs are always reproducible,
   * since every stochastic op (Dropout, DropPath, latent noise) draws from the seeded `ctx.rng`
   * and the global `Math.random` is never patched.
   */
  deterministic: boolean;
  /** Send training metrics to the logger every N optimizer steps. */
  logEveryNSteps: number;
  checkpoint: CheckpointConfig;
  /** Decay of an EMA of the weights used for validation, checkpointed, and left in the model at the end (0: off). */
  ema: number;
}

/** Default checkpointing: off until a folder is given; keep 3; every epoch. */
export const DEFAULT_CHECKPOINT_CONFIG: CheckpointConfig = { dir: '', everyNSteps: 0, everyEpoch: true, keepLastK: 3, monitor: '', mode: 'min' };

/** Default trainer options. */
export const DEFAULT_TRAINER_CONFIG: TrainerConfig = {
  maxEpochs: 1,
  maxSteps: -1,
  accumulateGradBatches: 1,
  gradientClipVal: 0,
  gradientClipAlgorithm: 'norm',
  valCheckInterval: 0,
  limitValBatches: 0,
  earlyStopping: null,
  fastDevRun: 0,
  seed: 0,
  deterministic: true,
  logEveryNSteps: 1,
  checkpoint: DEFAULT_CHECKPOINT_CONFIG,
  ema: 0,
};

/** Merges options over the defaults and validates them; errors name the field. */
export function resolveTrainerConfig(options: Partial<Omit<TrainerConfig, 'checkpoint'>> & { checkpoint?: Partial<CheckpointConfig> } = {}): TrainerConfig {
  const c: TrainerConfig = { ...DEFAULT_TRAINER_CONFIG, ...options, checkpoint: { ...DEFAULT_CHECKPOINT_CONFIG, ...options.checkpoint } };
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`trainer.${name} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  };
  int('maxEpochs', c.maxEpochs, 1);
  int('maxSteps', c.maxSteps, -1);
  int('accumulateGradBatches', c.accumulateGradBatches, 1);
  int('valCheckInterval', c.valCheckInterval, 0);
  int('limitValBatches', c.limitValBatches, 0);
  int('fastDevRun', c.fastDevRun, 0);
  int('seed', c.seed, 0);
  int('logEveryNSteps', c.logEveryNSteps, 1);
  int('checkpoint.everyNSteps', c.checkpoint.everyNSteps, 0);
  int('checkpoint.keepLastK', c.checkpoint.keepLastK, 0);
  if (!(c.ema >= 0 && c.ema < 1)) throw new RangeError(`trainer.ema must be 0 (off) or a decay in (0, 1), got ${JSON.stringify(c.ema)}`);
  if (!(c.gradientClipVal >= 0)) throw new RangeError(`trainer.gradientClipVal must be ≥ 0, got ${c.gradientClipVal}`);
  if (!['norm', 'per-parameter', 'value'].includes(c.gradientClipAlgorithm)) {
    throw new RangeError(`trainer.gradientClipAlgorithm must be norm, per-parameter or value, got ${JSON.stringify(c.gradientClipAlgorithm)}`);
  }
  if (c.checkpoint.mode !== 'min' && c.checkpoint.mode !== 'max') throw new RangeError(`trainer.checkpoint.mode must be min or max, got ${JSON.stringify(c.checkpoint.mode)}`);
  return c;
}
