import { tf } from '@weatherlearn/engine';
import type { NamedParameter } from '@weatherlearn/engine/nn';

/** A parameter group: its own learning rate and weight decay (mutated by the schedules every step). */
export interface ParamGroup {
  params: NamedParameter[];
  lr: number;
  weightDecay: number;
}

/** Hyper-parameters of {@link AdamW} (torch defaults). */
export interface AdamWOptions {
  betas: [number, number];
  eps: number;
}

/** `torch.optim.AdamW` defaults. */
export const DEFAULT_ADAMW_OPTIONS: AdamWOptions = { betas: [0.9, 0.999], eps: 1e-8 };

function zeroVariable(p: tf.Variable): tf.Variable {
  const z = tf.zerosLike(p);
  const v = tf.variable(z, false);
  z.dispose();
  return v;
}

interface State {
  step: number;
  m: tf.Variable;
  v: tf.Variable;
}

/**
 * `torch.optim.AdamW` with parameter groups: decoupled weight decay `p ← p(1 − lr·wd)`, then the
 * bias-corrected Adam update. A parameter with no gradient this step (`undefined`) is skipped
 * entirely — no decay, no moment update, no step count — as PyTorch does for `p.grad is None`.
 */
export class AdamW {
  readonly groups: ParamGroup[];
  readonly options: AdamWOptions;
  private readonly state = new Map<tf.Variable, State>();

  constructor(groups: ParamGroup[], options: Partial<AdamWOptions> = {}) {
    this.groups = groups;
    this.options = { ...DEFAULT_ADAMW_OPTIONS, ...options };
  }

  /** Applies one update from `grads` keyed by parameter name. */
  step(grads: Record<string, tf.Tensor | undefined>): void {
    const [b1, b2] = this.options.betas;
    const eps = this.options.eps;
    for (const g of this.groups) {
      for (const { name, variable: p } of g.params) {
        const grad = grads[name];
        if (!grad) continue;
        let s = this.state.get(p);
        if (!s) {
          s = { step: 0, m: zeroVariable(p), v: zeroVariable(p) };
          this.state.set(p, s);
        }
        s.step += 1;
        const st = s;
        const bc1 = 1 - b1 ** st.step;
        const bc2Sqrt = Math.sqrt(1 - b2 ** st.step);
        tf.tidy(() => {
          const decayed = tf.mul(p, 1 - g.lr * g.weightDecay);
          const m = tf.add(tf.mul(st.m, b1), tf.mul(grad, 1 - b1));
          const v = tf.add(tf.mul(st.v, b2), tf.mul(tf.square(grad), 1 - b2));
          st.m.assign(m);
          st.v.assign(v);
          const denom = tf.add(tf.div(tf.sqrt(v), bc2Sqrt), eps);
          p.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), g.lr / bc1)));
        });
      }
    }
  }

  /** Moments and step counts as a serialisable dict (`state.<name>.exp_avg` …). */
  stateDict(): Record<string, { step: number; m: Float32Array; v: Float32Array }> {
    const out: Record<string, { step: number; m: Float32Array; v: Float32Array }> = {};
    for (const g of this.groups) {
      for (const { name, variable } of g.params) {
        const s = this.state.get(variable);
        if (s) out[name] = { step: s.step, m: new Float32Array(s.m.dataSync() as Float32Array), v: new Float32Array(s.v.dataSync() as Float32Array) };
      }
    }
    return out;
  }

  /** Frees the moment buffers. */
  dispose(): void {
    for (const s of this.state.values()) {
      s.m.dispose();
      s.v.dispose();
    }
    this.state.clear();
  }
}
