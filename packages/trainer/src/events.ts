import type { CheckpointMeta } from './checkpoint-meta.js';
import type { Metrics } from './types.js';

/** How a fit ended. */
export type FitStatus = 'completed' | 'early-stopped' | 'interrupted' | 'fast-dev-run';

/** Options of {@link Trainer.fit}. */
export interface FitOptions {
  /** `true`: continue from `checkpoint.dir`'s last checkpoint when there is one; a path: that checkpoint. */
  resume?: boolean | string;
}

/** What {@link Trainer.fit} returns. */
export interface FitResult {
  status: FitStatus;
  /** Optimizer steps completed in total (including those before a resume). */
  step: number;
  epoch: number;
  totalSteps: number;
  /** Latest training and validation metrics. */
  metrics: Metrics;
  best: CheckpointMeta['best'];
  /** The last checkpoint folder, or null without checkpointing. */
  checkpoint: string | null;
  resumedFrom: string | null;
  seconds: number;
}

/** Events a trainer emits to its listener (progress bars, log lines). */
export type TrainerEvent =
  | { type: 'start'; step: number; totalSteps: number; epoch: number; resumedFrom: string | null }
  | { type: 'step'; step: number; totalSteps: number; epoch: number; batchIndex: number; metrics: Metrics }
  | { type: 'validation'; step: number; epoch: number; metrics: Metrics }
  | { type: 'checkpoint'; step: number; path: string; reason: string }
  | { type: 'end'; result: FitResult };
