/**
 * `@weatherlearn/engine/optim`: torch-faithful optimizers (`Adam`, `AdamW`) behind the
 * {@link Optimizer} contract. Side-effect free: importing it registers no backend or kernel.
 */
// The Optimizer contract, parameter groups and their state dicts.
export type {
  NamedParameter, Schedule, ParamGroup, ParamState, OptimizerStateDict, Optimizer,
} from './types.js';
export { checkGroupHyperparameters } from './state-dict.js';

// Adam and AdamW (torch.optim semantics).
export { DEFAULT_ADAM_OPTIONS, AdamCore } from './adam-core.js';
export type { AdamOptions, ParamGroupInit } from './adam-core.js';
export { Adam } from './adam.js';
export { DEFAULT_ADAMW_OPTIONS, AdamW } from './adamw.js';

// Splitting parameters into decay / no-decay groups.
export { isNoDecayParameter, paramGroupsByDecay, DEFAULT_PARAM_GROUPS_BY_DECAY } from './param-groups.js';
export type { ParamGroupsByDecayOptions } from './param-groups.js';
