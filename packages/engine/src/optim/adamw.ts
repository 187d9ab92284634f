/**
 * AdamW (Loshchilov & Hutter): Adam with decoupled weight decay, as torch.optim.AdamW. tfjs only
 * ships Adam. Each step first shrinks every decayed variable, w ← w·(1 − lr·weightDecay), then
 * applies the ordinary bias-corrected Adam update.
 */
import { tf } from '../tf.js';

/** Configuration of {@link AdamW}; defaults follow torch.optim.AdamW. */
export interface AdamWConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  /** Which variables (by name) are decayed; default all. Typical: skip biases and norm weights. */
  shouldDecay?: (variableName: string) => boolean;
}

/** torch.optim.AdamW defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 1e-2. */
export const DEFAULT_ADAMW_CONFIG: Readonly<AdamWConfig> = Object.freeze({
  learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 1e-2,
});

/** Adam with decoupled weight decay. Use like any tfjs optimizer (`minimize`, `applyGradients`). */
export class AdamW extends tf.AdamOptimizer {
  /** Serialization name. */
  static override get className(): string {
    return 'AdamW';
  }

  readonly weightDecay: number;
  private readonly shouldDecay: (name: string) => boolean;

  constructor(config: Partial<AdamWConfig> = {}) {
    const c = { ...DEFAULT_ADAMW_CONFIG, ...config };
    for (const k of ['learningRate', 'beta1', 'beta2', 'epsilon', 'weightDecay'] as const) {
      if (!Number.isFinite(c[k]) || c[k] < 0) throw new RangeError(`AdamW: ${k} must be a finite number ≥ 0, got ${c[k]}`);
    }
    super(c.learningRate, c.beta1, c.beta2, c.epsilon);
    this.weightDecay = c.weightDecay;
    this.shouldDecay = c.shouldDecay ?? (() => true);
  }

  /** Current learning rate. */
  getLearningRate(): number {
    return this.learningRate;
  }

  /** Changes the learning rate (for schedules); affects both the Adam step and the decay. */
  setLearningRate(lr: number): void {
    if (!Number.isFinite(lr) || lr < 0) throw new RangeError(`AdamW: learning rate must be ≥ 0, got ${lr}`);
    this.learningRate = lr;
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const factor = 1 - this.learningRate * this.weightDecay;
    if (this.weightDecay > 0 && factor !== 1) {
      const vars = tf.engine().registeredVariables;
      tf.tidy(() => {
        for (const name of names) {
          const v = vars[name];
          if (v && v.trainable && this.shouldDecay(name)) v.assign(tf.mul(v, factor));
        }
      });
    }
    super.applyGradients(variableGradients);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }

  /** Rebuilds an AdamW from {@link getConfig}'s output (shouldDecay is not serialisable: all decay). */
  static override fromConfig<T extends tf.serialization.Serializable>(_cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new AdamW({
      learningRate: config.learningRate as number, beta1: config.beta1 as number, beta2: config.beta2 as number,
      epsilon: config.epsilon as number, weightDecay: config.weightDecay as number,
    }) as unknown as T;
  }
}
