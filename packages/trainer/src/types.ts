import type { tf } from '@weatherlearn/engine';
import type { Rng } from '@weatherlearn/engine/rng';
import type { NamedParameter, Optimizer } from '@weatherlearn/engine/optim';
import type { Tensor } from '@weatherlearn/tensor-io';
import type { Collective } from './collective.js';

export type { NamedParameter } from '@weatherlearn/engine/optim';

/** What {@link TrainingModule.parameters} may return: named parameters, or variables (their `.name` is used). */
export type ParameterList = NamedParameter[] | tf.Variable[];

/** Plain-number metrics (the trainer logs them). */
export type Metrics = Record<string, number>;

/** Handed to {@link TrainingModule.trainingStep}. */
export interface StepContext {
  /** Optimizer steps completed so far (the schedule position). */
  step: number;
  epoch: number;
  /** Index of the batch within the epoch. */
  batchIndex: number;
  /** Micro-batch within the current gradient-accumulation window (0-based). */
  microBatch: number;
  /** The trainer's seeded generator (the engine's `Rng`); its state is checkpointed, so draws resume exactly. */
  rng: Rng;
}

/** Output of a training step: the scalar loss to differentiate and optional plain metrics. */
export interface StepOutput {
  loss: tf.Scalar;
  metrics?: Metrics;
}

/**
 * What {@link TrainingModule.configureOptimizers} returns: an engine {@link Optimizer} (`Adam` or
 * `AdamW` from `@weatherlearn/engine`). Schedules live on its parameter groups: before each step
 * the trainer sets every group's `lr`/`weightDecay` from its `lrSchedule`/`weightDecaySchedule`
 * (when present) at the step index; group 0's values are logged as `lr` and `wd`.
 */
export interface OptimizerConfig {
  optimizer: Optimizer;
}

/**
 * The contract between a model package and the {@link Trainer} (Lightning-like). Required:
 * `parameters`, `trainingStep`, `configureOptimizers`. Everything else is optional.
 *
 * Call order per optimizer step: `trainingStep` (inside the gradient tape, once per micro-batch) →
 * clipping → `onBeforeOptimizerStep(grads)` → optimizer update → `onAfterOptimizerStep(step)`.
 */
export interface TrainingModule<B = unknown> {
  /** Trainable parameters in a fixed order; names key the checkpoint and the exported state dict. */
  parameters(): ParameterList;
  /** Forward + loss of one (micro-)batch in training mode. Metrics must be plain numbers. */
  trainingStep(batch: B, ctx: StepContext): StepOutput | tf.Scalar;
  /** Evaluation metrics of one batch (e.g. `{ loss }`); averaged over the validation set and logged as `val_<name>`. */
  validationStep?(batch: B): Metrics | Promise<Metrics>;
  /**
   * Skills pooled over the whole validation set (every batch, every rank) as the SuperDARN original
   * pools them, not averaged per batch (a ratio averaged per batch over-weights small batches and
   * batches the baseline happens to forecast well): `name → { model, baseline }` names two sums
   * `validationStep` returns (e.g. sums of squared errors); logged as `val_<name>` = 1 − Σ model / Σ baseline.
   */
  readonly pooledSkills?: Readonly<Record<string, { model: string; baseline: string }>>;
  /** The optimizer (schedules on its groups); called once per fit. */
  configureOptimizers(): OptimizerConfig;
  /**
   * Data-parallel fits only (world size > 1): receives the collective once, before `onTrainStart`,
   * for module-level statistics that must agree across ranks (DINO's teacher centre). A module that
   * uses it in `trainingStep` must finish its collectives in an async hook (`onAfterOptimizerStep`),
   * called at the same point on every rank.
   */
  setCollective?(collective: Collective): void;
  /** Once, before the first step (also after a resume). */
  onTrainStart?(): void | Promise<void>;
  /** At the start of every epoch. */
  onEpochStart?(epoch: number): void | Promise<void>;
  /**
   * Sees (and may replace) the gradients keyed by parameter name after clipping. A parameter left
   * without a gradient (key removed) is skipped by the optimizer as torch skips `grad is None`:
   * no decay, no moment update, no step count (DINO's freeze_last_layer).
   */
  onBeforeOptimizerStep?(grads: Record<string, tf.Tensor>, step: number): Record<string, tf.Tensor>;
  /** After each optimizer update, with the number of completed steps (DINO's EMA teacher). */
  onAfterOptimizerStep?(step: number): void | Promise<void>;
  /** Extra tensors to checkpoint (EMA teacher, DINO centre). */
  stateDict?(): Record<string, Tensor> | Promise<Record<string, Tensor>>;
  /** Restores {@link stateDict}'s output on resume. */
  loadStateDict?(state: Record<string, Tensor>): void | Promise<void>;
  /** Extra JSON state to checkpoint (counters). */
  extraState?(): unknown;
  /** Restores {@link extraState}'s output on resume. */
  loadExtraState?(state: unknown): void;
  /** The weights to export as a PyTorch state dict (default: the parameters by name, float32). */
  exportStateDict?(): Record<string, Tensor> | Promise<Record<string, Tensor>>;
}

/**
 * The data-loader contract datasets implement: random access by batch index within an epoch.
 * `batch(i, epoch)` must be a pure function of `(i, epoch)` (shuffle with `epochOrder(n, seed,
 * epoch)`), which makes resume exact: the checkpoint stores only `(epoch, batchIndex)`.
 * The trainer disposes every tensor of a batch after using it.
 */
export interface DataLoader<B> {
  /** Batches per epoch. */
  readonly length: number;
  batch(index: number, epoch: number): B | Promise<B>;
}

/** The logging surface the trainer uses (a `@weatherlearn/loggers` `Logger` fits). */
export interface TrainerLogger {
  readonly runId: string;
  logMetrics(metrics: Metrics, step: number): void;
  logSummary?(summary: Record<string, unknown>): void;
}
