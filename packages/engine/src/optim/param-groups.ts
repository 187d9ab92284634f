/**
 * The two parameter groups torch users build by hand (DINO's `get_params_groups`, timm's
 * `param_groups_weight_decay`): weights that are decayed and 1-D tensors / biases that are not.
 */
import type { tf } from '../tf.js';
import type { ParamGroupInit } from './adam-core.js';
import type { NamedParameter } from './types.js';

/** Options of {@link paramGroupsByDecay}. */
export interface ParamGroupsByDecayOptions {
  /** Which parameters get no weight decay; default {@link isNoDecayParameter}. */
  noDecay: (name: string, variable: tf.Variable) => boolean;
  /** Learning rate of both groups; default: left to the optimizer's default. */
  lr?: number;
  /** Weight decay of the `decay` group; default: left to the optimizer's default. */
  weightDecay?: number;
}

/** DINO's rule (`utils.get_params_groups`): a bias (`….bias`) or any 1-D tensor is not decayed. */
export function isNoDecayParameter(name: string, variable: tf.Variable): boolean {
  return name.endsWith('.bias') || variable.shape.length === 1;
}

/** Defaults of {@link paramGroupsByDecay}. */
export const DEFAULT_PARAM_GROUPS_BY_DECAY: Readonly<ParamGroupsByDecayOptions> = Object.freeze({ noDecay: isNoDecayParameter });

/**
 * Splits `params` (order kept) into `[{ name: 'decay' }, { name: 'no_decay', weightDecay: 0 }]`, the
 * groups DINO hands to AdamW; both groups are always present, so state dicts line up across models.
 * Pass the result to `new AdamW(...)`/`new Adam(...)`.
 */
export function paramGroupsByDecay(params: NamedParameter[], options: Partial<ParamGroupsByDecayOptions> = {}): ParamGroupInit[] {
  const o = { ...DEFAULT_PARAM_GROUPS_BY_DECAY, ...options };
  const decay: NamedParameter[] = [];
  const noDecay: NamedParameter[] = [];
  for (const p of params) (o.noDecay(p.name, p.variable) ? noDecay : decay).push(p);
  const lr = o.lr !== undefined ? { lr: o.lr } : {};
  return [
    { name: 'decay', params: decay, ...lr, ...(o.weightDecay !== undefined ? { weightDecay: o.weightDecay } : {}) },
    { name: 'no_decay', params: noDecay, ...lr, weightDecay: 0 },
  ];
}
