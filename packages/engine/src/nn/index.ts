/**
 * `@weatherlearn/engine/nn` — the one model layer of the toolkit: a PyTorch-named module tree,
 * `Linear`, `LayerNorm`, `GELU`, `Dropout`, `DropPath` and named init schemes, all drawing from the
 * engine's seeded `Rng`. Side-effect free: it registers no backend (use `initEngine` for that).
 */
export * from './init.js';
export * from './forward.js';
export * from './module.js';
export * from './linear.js';
export * from './layer-norm.js';
export * from './gelu.js';
export * from './dropout.js';
export * from '../fused/attention.js';
export { FUSED_KERNELS, setFusedKernels, hasFusedKernel } from '../fused/kernels.js';
export type { NamedParameter } from '../optim/types.js';
