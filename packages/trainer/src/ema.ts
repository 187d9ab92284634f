import { tf, fromTf, toTf } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import type { NamedParameter } from './types.js';

/**
 * An exponential moving average of the weights (`trainer.ema`, the 2026 SuperDARN original's 0.999):
 * after every optimizer step `ema ← d·ema + (1 − d)·θ`, starting from the weights at the start of
 * training (no bias correction). The trainer validates with it, checkpoints it (`ema.safetensors`)
 * and leaves it in the model at the end, so `final.pt` holds the averaged weights.
 */
export class WeightEma {
  private readonly shadow: tf.Variable[];

  constructor(readonly decay: number, private readonly params: NamedParameter[]) {
    if (!(decay > 0 && decay < 1)) throw new Error(`ema decay must be in (0, 1), got ${decay}`);
    this.shadow = params.map((p) => tf.variable(tf.clone(p.variable), false));
  }

  /** One update after an optimizer step. */
  update(): void {
    const d = this.decay;
    tf.tidy(() => this.shadow.forEach((s, i) => s.assign(tf.add(tf.mul(s, d), tf.mul(this.params[i]!.variable, 1 - d)))));
  }

  /** Runs `fn` with the averaged weights in the model, then puts the trained weights back. */
  async with<T>(fn: () => Promise<T>): Promise<T> {
    const saved = this.params.map((p) => tf.clone(p.variable));
    this.copyInto();
    try { return await fn(); } finally {
      this.params.forEach((p, i) => p.variable.assign(saved[i]!));
      tf.dispose(saved);
    }
  }

  /** Writes the averaged weights into the model (end of training). */
  copyInto(): void {
    this.params.forEach((p, i) => p.variable.assign(this.shadow[i]!));
  }

  /** The averaged weights by parameter name (a checkpoint's `ema` entry). */
  async tensors(): Promise<Record<string, Tensor>> {
    const out: Record<string, Tensor> = {};
    for (const [i, p] of this.params.entries()) out[p.name] = await fromTf(this.shadow[i]!);
    return out;
  }

  /** Restores the averaged weights from a checkpoint's `ema` entry; errors name the missing parameter. */
  load(tensors: Record<string, Tensor>, where: string): void {
    this.params.forEach((p, i) => {
      const t = tensors[p.name];
      if (!t) throw new Error(`${where}: no EMA weights for ${p.name} (was the run started without trainer.ema?)`);
      tf.tidy(() => this.shadow[i]!.assign(toTf(t)));
    });
  }

  /** Frees the averaged weights. */
  dispose(): void { tf.dispose(this.shadow); }
}
