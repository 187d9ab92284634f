/** @weatherlearn/engine — TensorFlow.js backend selection, settings and our own kernels. */
import { registerBuiltins } from './builtins.js';
// Chained tensor methods (x.square(), x.add(y), …) that the @tensorflow/tfjs umbrella would enable.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';

export * from './tf.js';
export * from './settings.js';
export * from './registry.js';
export * from './info.js';
export * from './init.js';
export * from './kernel-fixes.js';
export { registerBuiltins } from './builtins.js';

// The one side effect of the package: register built-in backends, kernel fixes and gradients.
registerBuiltins();
