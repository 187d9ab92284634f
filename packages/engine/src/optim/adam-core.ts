/**
 * The one Adam implementation behind {@link Adam} (coupled L2) and {@link AdamW} (decoupled
 * decay): torch 1.13's single-tensor (`foreach=False`) update, in the same arithmetic order, with
 * parameter groups, per-parameter step counts and torch's skip rule for missing gradients. Where the
 * backend offers the fused kernel, each group is updated in one call with the same arithmetic
 * (`adam-fused.ts`).
 */
import { tf } from '../tf.js';
import type { NamedParameter, Optimizer, OptimizerStateDict, ParamGroup } from './types.js';
import { checkGroupHyperparameters, readStateDict, snapshotState, type LiveState } from './state-dict.js';
import { fusedAdamStep, hasFusedAdam, type FusedAdamItem } from './adam-fused.js';

/** Hyper-parameters shared by every group (torch's constructor arguments). */
export interface AdamOptions {
  /** Default learning rate of groups that give none (torch default 1e-3). */
  lr: number;
  /** Default weight decay of groups that give none (Adam 0, AdamW 1e-2 as torch). */
  weightDecay: number;
  /** `(beta1, beta2)`, torch default `(0.9, 0.999)`. */
  betas: [number, number];
  /** Added to the denominator, torch default 1e-8. */
  eps: number;
}

/** torch.optim.Adam's defaults (AdamW differs only in `weightDecay: 1e-2`). */
export const DEFAULT_ADAM_OPTIONS: Readonly<AdamOptions> = Object.freeze({ lr: 1e-3, weightDecay: 0, betas: Object.freeze([0.9, 0.999]) as unknown as [number, number], eps: 1e-8 });

/** A group as given to a constructor: `lr`/`weightDecay` may be left to the optimizer defaults. */
export type ParamGroupInit = Omit<ParamGroup, 'lr' | 'weightDecay'> & Partial<Pick<ParamGroup, 'lr' | 'weightDecay'>>;

function isNamedParameter(x: unknown): x is NamedParameter {
  return typeof x === 'object' && x !== null && 'variable' in x && 'name' in x;
}

/**
 * Adam's shared core. Subclasses choose how weight decay enters: `decoupled = false` adds
 * `weightDecay·param` to the gradient (torch `Adam`), `true` shrinks the parameter by
 * `1 − lr·weightDecay` before the update (torch `AdamW`).
 */
export abstract class AdamCore implements Optimizer {
  abstract readonly kind: string;
  readonly paramGroups: ParamGroup[];
  /** `[beta1, beta2]` and `eps` of every group (fixed at construction, as the trainer never schedules them). */
  readonly betas: readonly [number, number];
  readonly eps: number;
  private readonly state = new Map<string, LiveState>();
  private readonly byName = new Map<string, NamedParameter>();

  /**
   * @param params parameter groups (torch `param_groups`; the objects are kept and missing
   *   `lr`/`weightDecay` filled in, as torch's `setdefault`) or one list of named parameters
   * @param options defaults and betas/eps
   * @throws RangeError on a bad hyper-parameter; Error on an empty or duplicated parameter
   */
  protected constructor(params: ParamGroupInit[] | NamedParameter[], options: Partial<AdamOptions>, defaults: Readonly<AdamOptions>, private readonly decoupled: boolean) {
    const o = { ...defaults, ...options };
    const [b1, b2] = o.betas;
    if (!(b1 >= 0 && b1 < 1) || !(b2 >= 0 && b2 < 1)) throw new RangeError(`Adam: betas must lie in [0, 1), got [${o.betas.join(', ')}]`);
    if (!(o.eps >= 0) || !Number.isFinite(o.eps)) throw new RangeError(`Adam: eps must be a finite number ≥ 0, got ${o.eps}`);
    this.betas = [b1, b2];
    this.eps = o.eps;
    const inits: ParamGroupInit[] = params.length > 0 && isNamedParameter(params[0]) ? [{ params: params as NamedParameter[] }] : (params as ParamGroupInit[]);
    if (inits.length === 0) throw new Error('Adam: got no parameter groups');
    for (const [i, g] of inits.entries()) {
      g.lr ??= o.lr;
      g.weightDecay ??= o.weightDecay;
      checkGroupHyperparameters(g as ParamGroup, i);
      for (const p of g.params) {
        if (!isNamedParameter(p)) throw new TypeError(`Adam: group ${i} holds something that is not a { name, variable } parameter`);
        if (this.byName.has(p.name)) throw new Error(`Adam: parameter "${p.name}" appears in more than one group (or twice)`);
        this.byName.set(p.name, p);
      }
    }
    this.paramGroups = inits as ParamGroup[];
  }

  /**
   * One update. Gradients are keyed by parameter name; a parameter whose gradient is missing is
   * skipped entirely (no decay, no moments, no step count), exactly like torch's `p.grad is None`.
   * Names not in any group are ignored. Each group's `lr`/`weightDecay` is read now.
   * @throws RangeError on a bad group hyper-parameter; Error on a gradient of the wrong shape
   */
  step(grads: Record<string, tf.Tensor | null | undefined>): void {
    const [b1, b2] = this.betas;
    for (const [gi, group] of this.paramGroups.entries()) {
      checkGroupHyperparameters(group, gi);
      for (const { name, variable: p } of group.params) {
        const grad = grads[name];
        if (grad && !tf.util.arraysEqual(grad.shape, p.shape)) throw new Error(`${this.kind}.step: gradient of "${name}" has shape [${grad.shape}], the parameter [${p.shape}]`);
      }
    }
    const fused = hasFusedAdam();
    for (const group of this.paramGroups) {
      const { lr, weightDecay: wd } = group;
      const batch: FusedAdamItem[] = [];
      for (const { name, variable: p } of group.params) {
        const grad = grads[name];
        if (grad === undefined || grad === null) continue;
        const s = this.stateOf(name, p);
        s.step += 1;
        const step = s.step;
        if (fused) {
          batch.push({ p, grad, s });
          continue;
        }
        tf.tidy(() => {
          let g: tf.Tensor = grad;
          if (this.decoupled) {
            if (lr * wd !== 0) p.assign(tf.mul(p, 1 - lr * wd));
          } else if (wd !== 0) {
            g = tf.add(g, tf.mul(p, wd));
          }
          const m = tf.add(tf.mul(s.expAvg, b1), tf.mul(g, 1 - b1));
          const v = tf.add(tf.mul(s.expAvgSq, b2), tf.mul(tf.mul(g, g), 1 - b2));
          s.expAvg.assign(m);
          s.expAvgSq.assign(v);
          const bc1 = 1 - b1 ** step;
          const bc2 = 1 - b2 ** step;
          const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(bc2)), this.eps);
          p.assign(tf.sub(p, tf.mul(tf.div(m, denom), lr / bc1)));
        });
      }
      fusedAdamStep(batch, { lr, weightDecay: wd, betas: this.betas, eps: this.eps, decoupled: this.decoupled });
    }
  }

  /** Per-parameter state (by name, only parameters that have stepped) and each group's hyper-parameters. */
  async stateDict(): Promise<OptimizerStateDict> {
    return snapshotState(this.kind, this.paramGroups, this.state);
  }

  /**
   * Restores {@link stateDict}'s output: the per-parameter state replaces ours and each group's
   * `lr`/`weightDecay` is set from it (as torch). Everything is checked before anything changes.
   * @throws Error naming the kind, group or parameter that does not match
   */
  loadStateDict(state: OptimizerStateDict): void {
    const loaded = readStateDict(this.kind, this.paramGroups, this.byName, state);
    this.disposeState();
    for (const [name, s] of loaded.state) this.state.set(name, s);
    for (const [i, g] of state.groups.entries()) {
      this.paramGroups[i]!.lr = g.lr;
      this.paramGroups[i]!.weightDecay = g.weightDecay;
    }
  }

  /** The step count of a parameter (0 before its first update). */
  stepOf(name: string): number {
    return this.state.get(name)?.step ?? 0;
  }

  /** Frees the moment buffers. */
  dispose(): void {
    this.disposeState();
  }

  private disposeState(): void {
    for (const s of this.state.values()) tf.dispose([s.expAvg, s.expAvgSq]);
    this.state.clear();
  }

  private stateOf(name: string, p: tf.Variable): LiveState {
    let s = this.state.get(name);
    if (!s) {
      const z = tf.zerosLike(p);
      s = { step: 0, expAvg: tf.variable(z, false), expAvgSq: tf.variable(z, false) };
      z.dispose();
      this.state.set(name, s);
    }
    return s;
  }
}
