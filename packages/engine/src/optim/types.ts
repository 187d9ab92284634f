/**
 * The optimizer contract of the whole toolkit (one optimizer family, one home): parameter groups
 * with their own learning rate, weight decay and schedules, torch.optim's per-parameter state, and
 * a state dict that checkpoints carry. The trainer, the model packages and the reference checks all
 * program against {@link Optimizer}; `Adam` and `AdamW` in this folder implement it.
 */
import type { Tensor } from '@weatherlearn/tensor-io';
import type { tf } from '../tf.js';

/** A trainable variable with its stable PyTorch state-dict name (`blocks.0.attn.qkv.weight`). */
export interface NamedParameter {
  name: string;
  variable: tf.Variable;
}

/** A value (learning rate, weight decay) as a function of the optimizer step (0-based). */
export type Schedule = (step: number) => number;

/**
 * One parameter group (torch `param_groups[i]`). `lr`/`weightDecay` are read at every step; the
 * trainer sets them from `lrSchedule`/`weightDecaySchedule` (when present) before each step.
 */
export interface ParamGroup {
  params: NamedParameter[];
  lr: number;
  weightDecay: number;
  /** For logs and state dicts (`regularized`, `not_regularized`, `decay`, `no_decay`). */
  name?: string;
  lrSchedule?: Schedule;
  weightDecaySchedule?: Schedule;
}

/** The state of one parameter: torch's `state[p]` (`step`, `exp_avg`, `exp_avg_sq`). */
export interface ParamState {
  step: number;
  expAvg: Tensor;
  expAvgSq: Tensor;
}

/** A serialisable optimizer state: per-parameter state by name plus each group's hyper-parameters. */
export interface OptimizerStateDict {
  /** `Adam` or `AdamW` (a state of one kind does not load into the other). */
  kind: string;
  state: Record<string, ParamState>;
  groups: { name?: string; lr: number; weightDecay: number; params: string[] }[];
}

/**
 * What every optimizer implements. `step(grads)` takes gradients keyed by parameter name; a
 * parameter whose gradient is `undefined`/`null` is skipped entirely, as torch skips `p.grad is
 * None` (no decay, no moment update, no step count). Gradients stay owned by the caller.
 */
export interface Optimizer {
  readonly kind: string;
  readonly paramGroups: ParamGroup[];
  step(grads: Record<string, tf.Tensor | null | undefined>): void;
  stateDict(): Promise<OptimizerStateDict>;
  /** Restores {@link stateDict}'s output; errors name the parameter or group that does not match. */
  loadStateDict(state: OptimizerStateDict): void;
  dispose(): void;
}
