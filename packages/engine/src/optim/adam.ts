/**
 * `torch.optim.Adam`: weight decay is coupled L2, `grad += weightDecay·param` inside the step (what
 * both Pangu originals train with).
 */
import { AdamCore, DEFAULT_ADAM_OPTIONS, type AdamOptions, type ParamGroupInit } from './adam-core.js';
import type { NamedParameter } from './types.js';

/** Adam with coupled L2 weight decay and torch's defaults (lr 1e-3, betas 0.9/0.999, eps 1e-8, wd 0). */
export class Adam extends AdamCore {
  readonly kind = 'Adam';

  /**
   * @param params parameter groups or one list of named parameters (see {@link AdamCore})
   * @param options defaults for groups without `lr`/`weightDecay`, and betas/eps
   */
  constructor(params: ParamGroupInit[] | NamedParameter[], options: Partial<AdamOptions> = {}) {
    super(params, options, DEFAULT_ADAM_OPTIONS, false);
  }
}
