/** The list of our kernel and gradient fixes (data only; `registerBuiltins` registers them). */
import type { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { conv2dBackpropFilterFix } from './conv2d-backprop-filter.js';

/** Kernels we add to or replace in backends. */
export const KERNEL_FIXES: readonly KernelFix[] = [
  conv2dBackpropFilterFix,
];

/** Gradients tfjs-core 4.22 does not define. */
export const GRADIENT_FIXES: readonly tf.GradConfig[] = [];
