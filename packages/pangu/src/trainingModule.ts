import { tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import type { PanguConfig } from './config.js';
import type { Pangu, PanguInput, PanguOutput } from './pangu.js';

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

/** RMSE of one forecast step, overall and per channel. */
export interface StepRmse {
  step: number;
  surface: number;
  surfacePerChannel: number[];
  upper: number | null;
  upperPerChannel: number[] | null;
}

/** What {@link PanguTrainingModule.configureOptimizers} returns. */
export interface PanguOptimizerConfig {
  optimizer: tf.Optimizer;
  learningRate: number;
  /** Decoupled weight decay, applied by {@link PanguTrainingModule.fitStep} to matrices only. */
  weightDecay: number;
  /** The parameters that decay (rank ≥ 2, i.e. not biases or LayerNorm terms). */
  decay: tf.Variable[];
}

/**
 * The Lightning-like contract between the Pangu model and a trainer:
 * `trainingStep(batch)` → scalar loss (call it inside the trainer's gradient tape),
 * `validationStep(batch)`, `parameters()`, `configureOptimizers()`, plus `rollout` for
 * autoregressive evaluation with per-step RMSE and `fitStep` for a self-contained update.
 * Loss: `mae-weather` = MAE(upper) + surfaceWeight·MAE(surface) (the paper's pseudocode),
 * `mse` = MSE over every output (the SuperDARN model). In training the latent state gets Gaussian
 * noise of std `noiseFactor` before and after each latent step, as in the SuperDARN original.
 */
export class PanguTrainingModule {
  readonly config: PanguConfig;
  /** Activation checkpointing of the transformer blocks in {@link trainingStep} (less memory, ~50 % more time). */
  checkpoint = true;
  /** Default stream of DropPath/Dropout/latent noise in {@link trainingStep} (a trainer passes its own). */
  rng: Rng;

  constructor(readonly model: Pangu) {
    this.config = model.config;
    this.rng = new Rng(model.config.seed ?? 0).fork('pangu-training');
  }

  /** The trainable variables. */
  parameters(): tf.Variable[] {
    return this.model.parameters();
  }

  /** The loss of a prediction against a target (a scalar tensor). */
  loss(pred: PanguOutput, target: PanguTarget): tf.Scalar {
    return tf.tidy(() => {
      const err = (a: tf.Tensor, b: tf.Tensor) => (this.config.loss === 'mse' ? tf.mean(tf.squaredDifference(a, b)) : tf.mean(tf.abs(tf.sub(a, b))));
      let l = err(pred.surface, target.surface);
      if (pred.upper) {
        if (!target.upper) throw new Error('PanguTrainingModule: the model predicts upper-air fields but the batch has no target.upper');
        const u = err(pred.upper, target.upper);
        l = this.config.loss === 'mse' ? tf.add(l, u) : tf.add(u, tf.mul(l, this.config.surfaceWeight));
      }
      return l as tf.Scalar;
    });
  }

  /** Forward in training mode (DropPath, Dropout, latent noise) and the loss. */
  trainingStep(batch: PanguBatch, rng: Rng = this.rng): tf.Scalar {
    const pred = this.model.apply(batch.input, { training: true, rng, latentNoise: this.config.noiseFactor, checkpoint: this.checkpoint });
    return this.loss(pred, batch.target);
  }

  /** Evaluation-mode loss and RMSE of one batch. */
  async validationStep(batch: PanguBatch): Promise<{ loss: number; rmse: StepRmse }> {
    const pred = this.predict(batch.input);
    try {
      const loss = tf.tidy(() => this.loss(pred, batch.target));
      const value = (await loss.data())[0]!;
      loss.dispose();
      return { loss: value, rmse: await stepRmse(1, pred, batch.target) };
    } finally {
      pred.surface.dispose();
      pred.upper?.dispose();
    }
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

  /** Adam with the configured learning rate and decoupled weight decay on matrices. */
  configureOptimizers(): PanguOptimizerConfig {
    return {
      optimizer: tf.train.adam(this.config.learningRate, 0.9, 0.999, 1e-8),
      learningRate: this.config.learningRate,
      weightDecay: this.config.weightDecay,
      decay: this.parameters().filter((v) => v.rank >= 2),
    };
  }

  /** One complete update: gradients of {@link trainingStep}, optimizer step, weight decay. Returns the loss. */
  async fitStep(batch: PanguBatch, opt: PanguOptimizerConfig): Promise<number> {
    const vars = this.parameters();
    const { value, grads } = tf.variableGrads(() => this.trainingStep(batch), vars);
    opt.optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
    if (opt.weightDecay > 0) {
      const f = 1 - opt.learningRate * opt.weightDecay;
      for (const v of opt.decay) tf.tidy(() => v.assign(tf.mul(v, f)));
    }
    const loss = (await value.data())[0]!;
    value.dispose();
    return loss;
  }
}

/** RMSE of a prediction, overall and per channel (axis 1). */
export async function stepRmse(step: number, pred: PanguOutput, target: PanguTarget): Promise<StepRmse> {
  const rm = async (a: tf.Tensor, b: tf.Tensor) => {
    const axes = a.shape.map((_, i) => i).filter((i) => i !== 1);
    const [all, per] = tf.tidy(() => {
      const sq = tf.squaredDifference(a, b);
      return [tf.sqrt(tf.mean(sq)), tf.sqrt(tf.mean(sq, axes))];
    });
    const r = { all: (await all.data())[0]!, per: Array.from((await per.data()) as Float32Array) };
    all.dispose(); per.dispose();
    return r;
  };
  const s = await rm(pred.surface, target.surface);
  const u = pred.upper && target.upper ? await rm(pred.upper, target.upper) : null;
  return { step, surface: s.all, surfacePerChannel: s.per, upper: u?.all ?? null, upperPerChannel: u?.per ?? null };
}
