/**
 * `@weatherlearn/engine/nn` — the one model layer of the toolkit: a PyTorch-named module tree,
 * `Linear`, `LayerNorm`, `GELU`, `Dropout`, `DropPath` and named init schemes, all drawing from the
 * engine's seeded `Rng`. Side-effect free: it registers no backend (use `initEngine` for that).
 */
// The module tree: parameters, init schemes, forward context, state dicts.
export { truncNormalSample, initValues, INIT_SCHEMES, Init } from './init.js';
export type { InitScheme, ParamSpec, InitOptions } from './init.js';
export { stochasticRng } from './forward.js';
export type { ForwardOptions } from './forward.js';
export { Module, ModuleList } from './module.js';
export type { LoadStateDictOptions, LoadStateDictResult, ParameterInfo } from './module.js';
export type { NamedParameter } from '../optim/types.js';

// Layers: Linear, LayerNorm, GELU, Dropout / DropPath.
export { Linear } from './linear.js';
export type { LinearOptions } from './linear.js';
export { LayerNorm } from './layer-norm.js';
export type { LayerNormOptions } from './layer-norm.js';
export { GELU } from './gelu.js';
export { dropPathMask, dropPath, dropout, Dropout, DropPath } from './dropout.js';

// Fused kernels (attention, layer ops) and their on/off switch.
export { attentionProbs, attention } from '../fused/attention.js';
export type { AttentionOptions } from '../fused/attention.js';
export { linear, layerNorm, layerNormComposite, gelu, geluComposite } from '../fused/ops.js';
export { FUSED_KERNELS, setFusedKernels, hasFusedKernel } from '../fused/kernels.js';
