/**
 * A tiny seeded MLP regression used by the trainer's tests and the kill -9 child script: two dense
 * layers, dropout (drawn from the step's `ctx.rng`, so determinism and resume are really exercised) and a
 * stateful extra (an EMA of the first layer, like DINO's teacher) checkpointed via `stateDict`.
 * Optimizer: engine AdamW over DINO's two groups (decay / no_decay), an lr schedule on both and a
 * weight-decay schedule on the first; `freezeSteps` drops the last layer's gradient for the first
 * steps as DINO's freeze_last_layer (the optimizer then skips it).
 */
import { tf, fromTf, toTf, AdamW, paramGroupsByDecay } from '@weatherlearn/engine';
import { dropout } from '@weatherlearn/engine/nn';
import type { Rng } from '@weatherlearn/engine/rng';
import { Rng as SeededRng } from '@weatherlearn/engine/rng';
import type { Tensor } from '@weatherlearn/tensor-io';
import { indexBatchLoader } from '../loaders.js';
import { makeSchedule } from '../schedules.js';
import type { DataLoader, NamedParameter, OptimizerConfig, StepContext, StepOutput, TrainingModule } from '../types.js';

/** A batch of the toy problem. */
export interface ToyBatch { x: tf.Tensor2D; y: tf.Tensor2D }

/** Toy data: y = sin(x·w) with fixed w, from a seeded generator. */
export function toyData(n: number, seed = 1, dIn = 4): { x: Float32Array; y: Float32Array; dIn: number } {
  const r = new SeededRng(seed);
  const x = Float32Array.from({ length: n * dIn }, () => r.next() * 2 - 1);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < dIn; j++) s += x[i * dIn + j]! * (j + 1) * 0.5; y[i] = Math.sin(s); }
  return { x, y, dIn };
}

/** A seeded shuffling loader over {@link toyData}. */
export function toyLoader(n: number, batchSize: number, seed = 1, shuffle = true): DataLoader<ToyBatch> {
  const d = toyData(n, seed);
  return indexBatchLoader(n, (idx) => ({
    x: tf.tensor2d(Float32Array.from(idx.flatMap((i) => Array.from(d.x.subarray(i * d.dIn, (i + 1) * d.dIn)))), [idx.length, d.dIn]),
    y: tf.tensor2d(Float32Array.from(idx.map((i) => d.y[i]!)), [idx.length, 1]),
  }), { batchSize, seed, shuffle });
}

/** Options of {@link ToyModule}. */
export interface ToyOptions { hidden: number; dropout: number; lr: number; weightDecay: number; seed: number; schedule: boolean; emaMomentum: number; freezeSteps: number }

/** Default toy options. */
export const DEFAULT_TOY_OPTIONS: ToyOptions = { hidden: 8, dropout: 0.2, lr: 0.01, weightDecay: 0.04, seed: 3, schedule: true, emaMomentum: 0.9, freezeSteps: 0 };

/** The toy module (implements the whole {@link TrainingModule} contract). */
export class ToyModule implements TrainingModule<ToyBatch> {
  readonly o: ToyOptions;
  readonly params: NamedParameter[];
  ema: tf.Variable;
  steps = 0;
  epochsStarted: number[] = [];
  afterSteps: number[] = [];
  optimizer: AdamW | undefined;

  constructor(options: Partial<ToyOptions> = {}) {
    const o = (this.o = { ...DEFAULT_TOY_OPTIONS, ...options });
    const mk = (name: string, shape: number[], seed: number) => ({ name, variable: tf.variable(tf.randomNormal(shape, 0, 0.5, 'float32', seed), true) });
    this.params = [mk('fc1.weight', [4, o.hidden], o.seed), mk('fc1.bias', [o.hidden], o.seed + 1), mk('fc2.weight', [o.hidden, 1], o.seed + 2)];
    this.ema = tf.variable(tf.zeros([4, o.hidden]), false);
  }

  parameters(): NamedParameter[] { return this.params; }

  private forward(x: tf.Tensor2D, training: boolean, rng?: Rng): tf.Tensor2D {
    const [w1, b1, w2] = this.params.map((p) => p.variable);
    let h = tf.relu(tf.add(tf.matMul(x, w1 as tf.Tensor2D), b1!));
    if (training && this.o.dropout > 0) h = dropout(h, this.o.dropout, { training, rng }) as tf.Tensor2D;
    return tf.matMul(h, w2 as tf.Tensor2D) as tf.Tensor2D;
  }

  trainingStep(batch: ToyBatch, ctx: StepContext): StepOutput {
    const loss = tf.losses.meanSquaredError(batch.y, this.forward(batch.x, true, ctx.rng)) as tf.Scalar;
    return { loss, metrics: { batch_size: batch.x.shape[0] } };
  }

  validationStep(batch: ToyBatch): { loss: number } {
    return { loss: tf.tidy(() => tf.losses.meanSquaredError(batch.y, this.forward(batch.x, false)).dataSync()[0]!) };
  }

  configureOptimizers(): OptimizerConfig {
    const groups = paramGroupsByDecay(this.params, { lr: this.o.lr, weightDecay: this.o.weightDecay });
    if (this.o.schedule) {
      const lr = makeSchedule({ kind: 'cosine', base: this.o.lr, final: this.o.lr / 10, totalSteps: 40, warmupSteps: 3 });
      for (const g of groups) g.lrSchedule = lr;
      groups[0]!.weightDecaySchedule = makeSchedule({ kind: 'cosine', base: this.o.weightDecay, final: 10 * this.o.weightDecay, totalSteps: 40 });
    }
    this.optimizer?.dispose();
    this.optimizer = new AdamW(groups);
    return { optimizer: this.optimizer };
  }

  onBeforeOptimizerStep(grads: Record<string, tf.Tensor>, step: number): Record<string, tf.Tensor> {
    if (step >= this.o.freezeSteps) return grads;
    const { 'fc2.weight': _frozen, ...rest } = grads;
    return rest;
  }

  onEpochStart(epoch: number): void { this.epochsStarted.push(epoch); }

  onAfterOptimizerStep(step: number): void {
    this.afterSteps.push(step);
    this.steps = step;
    tf.tidy(() => this.ema.assign(tf.add(tf.mul(this.ema, this.o.emaMomentum), tf.mul(this.params[0]!.variable, 1 - this.o.emaMomentum))));
  }

  async stateDict(): Promise<Record<string, Tensor>> { return { ema: await fromTf(this.ema) }; }

  loadStateDict(sd: Record<string, Tensor>): void {
    if (!sd.ema) throw new Error('toy state dict lacks "ema"');
    tf.tidy(() => this.ema.assign(toTf(sd.ema!)));
  }

  extraState(): unknown { return { steps: this.steps }; }

  loadExtraState(s: unknown): void { this.steps = (s as { steps: number }).steps; }

  /** Every weight as flat float32 arrays (for bitwise comparisons). */
  snapshot(): Record<string, Float32Array> {
    const out: Record<string, Float32Array> = {};
    for (const p of this.params) out[p.name] = new Float32Array(p.variable.dataSync() as Float32Array);
    out.ema = new Float32Array(this.ema.dataSync() as Float32Array);
    return out;
  }

  dispose(): void { for (const p of this.params) p.variable.dispose(); this.ema.dispose(); this.optimizer?.dispose(); }
}
