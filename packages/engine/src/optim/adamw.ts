/**
 * `torch.optim.AdamW` (Loshchilov & Hutter): decoupled weight decay, `param *= 1 − lr·weightDecay`
 * before the Adam update (what DINO trains with).
 */
import { AdamCore, DEFAULT_ADAM_OPTIONS, type AdamOptions, type ParamGroupInit } from './adam-core.js';
import type { NamedParameter } from './types.js';

/** torch.optim.AdamW's defaults: as Adam's but weight decay 1e-2. */
export const DEFAULT_ADAMW_OPTIONS: Readonly<AdamOptions> = Object.freeze({ ...DEFAULT_ADAM_OPTIONS, weightDecay: 1e-2 });

/** Adam with decoupled weight decay and torch's defaults (lr 1e-3, betas 0.9/0.999, eps 1e-8, wd 1e-2). */
export class AdamW extends AdamCore {
  readonly kind = 'AdamW';

  /**
   * @param params parameter groups or one list of named parameters (see {@link AdamCore})
   * @param options defaults for groups without `lr`/`weightDecay`, and betas/eps
   */
  constructor(params: ParamGroupInit[] | NamedParameter[], options: Partial<AdamOptions> = {}) {
    super(params, options, DEFAULT_ADAMW_OPTIONS, true);
  }
}
