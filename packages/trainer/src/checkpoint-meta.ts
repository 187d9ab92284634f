import type { RngState } from '@weatherlearn/engine/rng';
import type { EarlyStoppingState } from './early-stopping.js';
import type { OptimizerCheckpointMeta } from './optimizer-state.js';
import type { Metrics } from './types.js';

/** `trainer.json` of a checkpoint: everything but the tensors. */
export interface CheckpointMeta {
  format: 'weatherlearn-checkpoint';
  /** 2: engine optimizer state and engine `Rng` state (1 held tfjs optimizer weights; not readable). */
  version: 2;
  /** Optimizer steps completed (= schedule position). */
  step: number;
  /** Data-loader position: the next batch to train on is `batchIndex` of `epoch`. */
  epoch: number;
  batchIndex: number;
  /** Run seed (shuffling is a pure function of seed and epoch). */
  seed: number;
  /**
   * Always `null` now (kept so older checkpoints still load): the state of the seeded `Math.random`
   * that earlier versions installed. Every stochastic op now draws from `rng`, so it is ignored.
   */
  rng: RngState;
  mathRandom: RngState | null;
  earlyStopping: EarlyStoppingState | null;
  /** Best monitored value so far and its step (for best-by-metric). */
  best: { monitor: string; mode: 'min' | 'max'; value: number; step: number } | null;
  /** Run id of the logger, so a resumed run continues the same W&B/Neptune/TensorBoard run. */
  loggerRunId: string | null;
  /** Last training and validation metrics. */
  metrics: Metrics;
  /** The optimizer's kind, groups and step counts (its moments are in `optimizer.safetensors`). */
  optimizer: OptimizerCheckpointMeta;
  /** Parameter names in order. */
  parameters: string[];
  /** The module's `extraState()`. */
  moduleExtra: unknown;
  /** Why it was written: `interval`, `epoch`, `requested`, `end`. */
  reason: string;
  savedAt: string;
  /** Number of data-parallel ranks that wrote it (absent: 1); a resume on another count rescales `batchIndex`. */
  worldSize?: number;
}
