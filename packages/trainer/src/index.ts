/** @weatherlearn/trainer — the fit loop: checkpoints, exact resume, schedules, early stopping. */
// The training-module contract, trainer config and fit events.
export type {
  ParameterList, Metrics, StepContext, StepOutput, OptimizerConfig, TrainingModule, DataLoader,
  TrainerLogger,
} from './types.js';
export { resolveTrainerConfig, DEFAULT_TRAINER_CONFIG } from './config.js';
export type { CheckpointConfig, TrainerConfig } from './config.js';
export type { FitStatus, FitOptions, FitResult, TrainerEvent } from './events.js';

// The fit loop, also stepwise (fitSteps).
export { Trainer } from './trainer.js';
export type { TrainerDeps } from './trainer.js';
export { fitSteps } from './fit-steps.js';

// Schedules, gradient clipping, early stopping, weight EMA.
export { makeSchedule, scheduleFromArray } from './schedules.js';
export type { ScheduleSpec } from './schedules.js';
export { clipGradients } from './clip.js';
export type { GradientClipAlgorithm, ClipResult } from './clip.js';
export type { EarlyStoppingConfig, EarlyStoppingState } from './early-stopping.js';
export { WeightEma } from './ema.js';

// Checkpoints, exact resume and export to .pt.
export { findLastCheckpoint, findBestCheckpoint, readCheckpointMeta, loadCheckpoint } from './checkpoint.js';
export type { CheckpointData } from './checkpoint.js';
export type { CheckpointMeta } from './checkpoint-meta.js';
export type { OptimizerCheckpointMeta } from './optimizer-state.js';
export { exportPt } from './export.js';

// Data loading and data-parallel collectives (also a local in-process one for tests).
export { indexBatchLoader } from './loaders.js';
export type { IndexBatchLoaderOptions } from './loaders.js';
export { shardLoader, allReduceStep, rescaleBatchIndex } from './collective.js';
export type { Collective, ReducedStep } from './collective.js';
export { runValidationDistributed } from './distributed-validate.js';
export { localCollectives } from './testing/local-collective.js';
