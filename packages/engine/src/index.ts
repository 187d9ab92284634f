/** @weatherlearn/engine — TensorFlow.js backend selection, settings and our own kernels. */
// tfjs-core's node bundle registers no gradients; tfjs-layers' bundle registers all of tfjs-core's
// gradient functions into the shared (global) registry, so tf.grads / optimizers work.
import '@tensorflow/tfjs-layers';
import { registerBuiltins } from './builtins.js';

// The single TensorFlow.js instance every package uses.
export { tf } from './tf.js';

// Engine settings: precision and threads.
export {
  getEngineSettings, setPrecision, setThreads, resetEngineSettings, DEFAULT_ENGINE_SETTINGS,
} from './settings.js';
export type { Precision, EngineSettings } from './settings.js';

// Backend selection: candidates, initEngine and the info line it prints.
export {
  registerBackendCandidate, unregisterBackendCandidate, getBackendCandidates, BackendUnavailableError,
} from './registry.js';
export type { LoadedBackend, LoadOptions, BackendCandidate } from './registry.js';
export { formatEngineInfo } from './info.js';
export type { SkippedBackend, EngineInfo } from './info.js';
export { initEngine, DEFAULT_ENGINE_OPTIONS } from './init.js';
export type { BackendName, EngineOptions } from './init.js';

// Kernel and gradient fixes applied on top of TensorFlow.js, chained ops, fused kernels.
export {
  registerKernelFix, getKernelFixes, applyKernelFixes, applyGradientFix, withOriginalKernel,
  registerMissingGradient,
} from './kernel-fixes.js';
export type { KernelFix, GradientFix } from './kernel-fixes.js';
export { registerChainedOps } from './chained-ops.js';
export { FUSED_KERNELS, setFusedKernels, hasFusedKernel } from './fused/kernels.js';

// Gradient helpers: memory-frugal backprop and no-grad scopes.
export { setFrugalBackprop } from './frugal-backprop.js';
export { noGrad } from './no-grad.js';

// Conversion between tensor-io tensors and tf tensors.
export { toTf, fromTf, castTensor } from './convert.js';
export type { FromTfOptions } from './convert.js';

// Optimizers (also `@weatherlearn/engine/optim`): Adam, AdamW, param groups and the Optimizer contract.
export type {
  NamedParameter, Schedule, ParamGroup, ParamState, OptimizerStateDict, Optimizer,
} from './optim/types.js';
export { DEFAULT_ADAM_OPTIONS, AdamCore } from './optim/adam-core.js';
export type { AdamOptions, ParamGroupInit } from './optim/adam-core.js';
export { Adam } from './optim/adam.js';
export { DEFAULT_ADAMW_OPTIONS, AdamW } from './optim/adamw.js';
export { isNoDecayParameter, paramGroupsByDecay } from './optim/param-groups.js';
export type { ParamGroupsByDecayOptions } from './optim/param-groups.js';

// The seeded Rng (also `@weatherlearn/engine/rng`).
export { Rng } from './random/rng.js';
export type { RngState } from './random/rng.js';

// Work sharding `--shard i/n` (also `@weatherlearn/engine/shard`).
export { parseShard } from './work/shard.js';
export type { Shard } from './work/shard.js';

// Registration of the built-in backends, fixes and gradients (the index runs it once on import).
export { registerBuiltins } from './builtins.js';

// The package's one side effect: register built-in backends, kernel fixes and missing gradients.
registerBuiltins();
