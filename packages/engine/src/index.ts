/** @weatherlearn/engine — TensorFlow.js backend selection, settings and our own kernels. */
// tfjs-core's node bundle registers no gradients; tfjs-layers' bundle registers all of tfjs-core's
// gradient functions into the shared (global) registry, so tf.grads / optimizers work.
import '@tensorflow/tfjs-layers';
import { registerBuiltins } from './builtins.js';

export * from './tf.js';
export * from './settings.js';
export * from './registry.js';
export * from './info.js';
export * from './init.js';
export * from './kernel-fixes.js';
export { installFrugalBackprop, setFrugalBackprop } from './frugal-backprop.js';
export { noGrad } from './no-grad.js';
export * from './convert.js';
export * from './chained-ops.js';
export * from './optim/index.js';
export { FUSED_KERNELS, setFusedKernels, hasFusedKernel } from './fused/kernels.js';
export * from './random/rng.js';
export * from './work/shard.js';
export { registerBuiltins } from './builtins.js';

// The package's one side effect: register built-in backends, kernel fixes and missing gradients.
registerBuiltins();
