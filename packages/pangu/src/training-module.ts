// Port of st7ma784/WeatherLearn/PTL/model.py:Pangu, Pangu.training_step, Pangu.validation_step, Pangu.configure_optimizers
import { tf, Adam, AdamW, type NamedParameter, type Optimizer, type Schedule } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import type { StepContext, TrainingModule } from '@weatherlearn/trainer';
import type { PanguConfig } from './config.js';
import type { Pangu, PanguInput, PanguOutput } from './pangu.js';
import { toTorchStateDict } from './state-dict.js';
import { panguLoss, type LossMask } from './loss.js';
import { stepRmse, type StepRmse } from './rmse.js';
import { forecastDiagnostics } from './diagnostics.js';

/** Target fields of one sample batch, in the output layouts of {@link Pangu.apply}. */
export interface PanguTarget {
  surface: tf.Tensor4D;
  upper?: tf.Tensor5D | null;
}

/** One training/validation batch: inputs and the fields `timeStep` windows ahead. */
export interface PanguBatch {
  input: PanguInput;
  target: PanguTarget;
}

/** A batch for an autoregressive rollout: the targets of successive forecasts. */
export interface PanguRolloutBatch {
  input: PanguInput;
  targets: PanguTarget[];
}

/** The optimizer recipe of {@link PanguTrainingModule}. */
export interface PanguTrainingOptions {
  /**
   * `adam-l2`: torch.optim.Adam with coupled L2 on every parameter, as both originals
   * (upstream `examples/pangu_lite/train.py` and the SuperDARN seed); `adamw`: decoupled decay on
   * matrices only (no decay on biases, LayerNorm terms and the earth-position bias tables).
   */
  optimizer: 'adam-l2' | 'adamw';
  lr: number;
  weightDecay: number;
  lrSchedule?: Schedule;
  weightDecaySchedule?: Schedule;
  /** Activation checkpointing of the transformer blocks (less memory, ~1/3 more compute). */
  checkpoint: boolean;
  /**
   * Climatology forecast of the surface in model units, `(C, H, W)` (e.g. the mean training target):
   * validation then reports `skill_climatology` beside `skill_persistence`.
   */
  climatology?: tf.Tensor3D;
  /** Surface channel names for the per-channel validation diagnostics (`pred_mean_<name>` …); default `c<k>`. */
  channelNames?: string[];
  /**
   * Which cells the validation skill scores: `loss` (default) weights them with the loss mask
   * (`lossMaskChannel`, `lossMaskChannels`, `lossMaskMode` of a `smooth-l1` loss; every cell without one), so it scores what the loss
   * trains; `none` scores every cell, as the 2026 SuperDARN original does.
   */
  skillMask?: 'loss' | 'none';
}

/** The originals' recipe: Adam, lr 5e-4, coupled L2 3e-6, no checkpointing. */
export const DEFAULT_PANGU_TRAINING_OPTIONS: PanguTrainingOptions = { optimizer: 'adam-l2', lr: 5e-4, weightDecay: 3e-6, checkpoint: false };

/**
 * Pangu's {@link TrainingModule} for the trainer — the one training path that `weatherlearn train
 * pangu`, `reference check` (pangu-train), the benchmarks and the tests share. In training the
 * latent state gets Gaussian noise of std `noiseFactor` (SuperDARN) and DropPath draws from the
 * trainer's checkpointed generator, so a resumed run is exact.
 */
export class PanguTrainingModule implements TrainingModule<PanguBatch> {
  readonly config: PanguConfig;
  readonly options: PanguTrainingOptions;
  private optimizer: Optimizer | undefined;

  constructor(readonly model: Pangu, options: Partial<PanguTrainingOptions> = {}) {
    this.config = model.config;
    this.options = { ...DEFAULT_PANGU_TRAINING_OPTIONS, ...options };
  }

  /** Parameters with their PyTorch keys, in `named_parameters()` order. */
  parameters(): NamedParameter[] {
    return this.model.namedParameters();
  }

  /** The loss of a prediction against a target (a scalar tensor), per `config.loss`. */
  loss(pred: PanguOutput, target: PanguTarget): tf.Scalar {
    return panguLoss(this.config, pred, target);
  }

  /** Forward in training mode (DropPath, Dropout, latent noise from `ctx.rng`), the loss and the batch size (for samples/s). */
  trainingStep(batch: PanguBatch, ctx: StepContext): { loss: tf.Scalar; metrics: { batch_size: number } } {
    const pred = this.model.apply(batch.input, { training: true, rng: ctx.rng, latentNoise: this.config.noiseFactor, checkpoint: this.options.checkpoint });
    return { loss: this.loss(pred, batch.target), metrics: { batch_size: batch.input.surface.shape[0] } };
  }

  /**
   * `skill_persistence` and `skill_climatology` pooled over the validation set by the trainer:
   * 1 − Σ SSE(model) / Σ SSE(baseline) over every batch, as the 2026 original computes them.
   */
  readonly pooledSkills = {
    skill_persistence: { model: 'sse_model', baseline: 'sse_persistence' },
    skill_climatology: { model: 'sse_model', baseline: 'sse_climatology' },
  };

  /**
   * Evaluation-mode loss and surface RMSE of one batch (logged as `val_loss`, `val_rmse`), the
   * squared-error sums behind the skill over persistence (and climatology when given; weighted per
   * `options.skillMask`), pooled by the trainer into `val_skill_*` ({@link pooledSkills}), and
   * per-channel prediction/target mean and std (see {@link forecastDiagnostics}).
   */
  async validationStep(batch: PanguBatch): Promise<Record<string, number>> {
    const pred = this.predict(batch.input);
    try {
      const loss = tf.tidy(() => this.loss(pred, batch.target));
      const value = (await loss.data())[0]!;
      loss.dispose();
      const diag = await forecastDiagnostics(pred.surface, batch.target.surface, batch.input.surface, this.options.climatology, this.options.channelNames, this.skillMaskOf());
      delete diag.skill_persistence;
      delete diag.skill_climatology;
      return { loss: value, rmse: (await stepRmse(1, pred, batch.target)).surface, ...diag };
    } finally {
      pred.surface.dispose();
      pred.upper?.dispose();
    }
  }

  /** The loss mask weighting the validation skill (`lossMaskChannel` −1: every cell), per `options.skillMask`. */
  skillMaskOf(): LossMask {
    const c = this.config;
    return (this.options.skillMask ?? 'loss') === 'loss' && c.loss === 'smooth-l1'
      ? { lossMaskChannel: c.lossMaskChannel ?? -1, lossMaskChannels: c.lossMaskChannels, lossMaskMode: c.lossMaskMode }
      : { lossMaskChannel: -1 };
  }

  /**
   * Autoregressive rollout: each forecast becomes the next input (constant masks are reused);
   * returns the RMSE against `targets[k]` after k + 1 forecasts.
   */
  async rollout(batch: PanguRolloutBatch): Promise<StepRmse[]> {
    const out: StepRmse[] = [];
    let input: PanguInput = batch.input;
    let prev: PanguOutput | null = null;
    for (const [k, target] of batch.targets.entries()) {
      const pred = this.predict(input);
      if (prev) { prev.surface.dispose(); prev.upper?.dispose(); }
      out.push(await stepRmse(k + 1, pred, target));
      input = { surface: pred.surface, surfaceMask: batch.input.surfaceMask ?? null, upper: pred.upper };
      prev = pred;
    }
    if (prev) { prev.surface.dispose(); prev.upper?.dispose(); }
    return out;
  }

  /** Evaluation-mode forward whose temporaries are freed (the outputs are kept). */
  predict(input: PanguInput): PanguOutput {
    return tf.tidy(() => this.model.apply(input) as unknown as tf.TensorContainer) as unknown as PanguOutput;
  }

  /**
   * `adam-l2`: one group, every parameter, coupled L2 (the originals). `adamw`: a `decay` group of
   * matrices (rank ≥ 2, except the earth-position bias tables) and a `no_decay` group.
   */
  configureOptimizers(): { optimizer: Optimizer } {
    if (this.optimizer) return { optimizer: this.optimizer };
    const o = this.options;
    const sched = { ...(o.lrSchedule ? { lrSchedule: o.lrSchedule } : {}), ...(o.weightDecaySchedule ? { weightDecaySchedule: o.weightDecaySchedule } : {}) };
    const params = this.parameters();
    if (o.optimizer === 'adam-l2') {
      this.optimizer = new Adam([{ name: 'all', params, lr: o.lr, weightDecay: o.weightDecay, ...sched }]);
    } else {
      const decays = (p: NamedParameter) => p.variable.rank >= 2 && !p.name.endsWith('earth_position_bias_table');
      this.optimizer = new AdamW([
        { name: 'decay', params: params.filter(decays), lr: o.lr, weightDecay: o.weightDecay, ...sched },
        { name: 'no_decay', params: params.filter((p) => !decays(p)), lr: o.lr, weightDecay: 0, ...(o.lrSchedule ? { lrSchedule: o.lrSchedule } : {}) },
      ]);
    }
    return { optimizer: this.optimizer };
  }

  /** `final.pt`: the PyTorch-layout state dict. */
  exportStateDict(): Promise<Record<string, Tensor>> {
    return toTorchStateDict(this.model);
  }

  /** Frees the optimizer state (the model is the caller's). */
  dispose(): void {
    this.optimizer?.dispose();
    this.optimizer = undefined;
  }
}


