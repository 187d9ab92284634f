import type { tf } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import type { Rng } from './rng.js';
import type { Schedule } from './schedules.js';
import type { Collective } from './collective.js';

/** A trainable variable with its stable, state-dict style name (`blocks.0.attn.qkv.weight`). */
export interface NamedParameter {
  name: string;
  variable: tf.Variable;
}

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
  /** The trainer's seeded generator; its state is checkpointed, so draws resume exactly. */
  rng: Rng;
}

/** Output of a training step: the scalar loss to differentiate and optional plain metrics. */
export interface StepOutput {
  loss: tf.Scalar;
  metrics?: Metrics;
}

/**
 * The optimizer the trainer drives. Every tfjs optimizer fits (`tf.train.adam`, engine `AdamW`):
 * `applyGradients` receives an ordered `{name, tensor}[]` keyed by tf variable names, and
 * `getWeights`/`setWeights` carry the moments into checkpoints.
 */
export type TrainerOptimizer = tf.Optimizer;

/** What {@link TrainingModule.configureOptimizers} returns. Schedules are functions of the optimizer step. */
export interface OptimizerConfig {
  optimizer: TrainerOptimizer;
  /** Learning rate at optimizer step s (0-based); set on the optimizer before each update. */
  lrSchedule?: Schedule;
  /** Weight decay at step s; set on optimizers with a `weightDecay` field (engine `AdamW`). */
  wdSchedule?: Schedule;
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
  /** The optimizer and optional schedules; called once per fit. */
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
  /** Sees (and may replace) the gradients keyed by parameter name after clipping; e.g. freeze a layer. */
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
 * `batch(i, epoch)` must be a pure function of `(i, epoch)` (shuffle with `shuffledIndices(n, seed,
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
