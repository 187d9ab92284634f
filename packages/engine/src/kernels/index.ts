/** The list of our kernel and gradient fixes (data only; `registerBuiltins` registers them). */
import type { GradientFix, KernelFix } from '../kernel-fixes.js';
import { batchMatMulGradConfig } from './batch-matmul-grad.js';
import { conv2dBackpropFilterFix } from './conv2d-backprop-filter.js';
import { unsortedSegmentSumFix } from './unsorted-segment-sum.js';
import { gatherV2Fix } from './gather-v2.js';
import { conv3dBackpropFilterFix } from './conv3d-backprop-filter.js';
import { maxPoolGradFix } from './max-pool-grad.js';
import { batchMatMulFix } from './batch-matmul.js';
import { einsumFix, einsumGradConfig } from './einsum.js';
import { stridedSliceGradConfig, zeroGradConfigs } from './missing-grads.js';
import { stridedSliceFix } from './strided-slice.js';
import { conv3dBackpropInputFix, conv3dBackpropInputGradConfig } from './conv3d-backprop-input.js';

/** Kernels we add to or replace in backends. */
export const KERNEL_FIXES: readonly KernelFix[] = [
  conv2dBackpropFilterFix,
  unsortedSegmentSumFix,
  gatherV2Fix,
  conv3dBackpropInputFix,
  conv3dBackpropFilterFix,
  maxPoolGradFix,
  batchMatMulFix,
  einsumFix,
  stridedSliceFix,
];

/** Gradients tfjs-core 4.22 lacks or gets wrong. */
export const GRADIENT_FIXES: readonly GradientFix[] = [
  { config: conv3dBackpropInputGradConfig, replace: false, reason: 'missing in tfjs-core 4.22 (conv3dTranspose cannot be trained)' },
  { config: einsumGradConfig, replace: false, reason: 'missing in tfjs-core 4.22' },
  { config: stridedSliceGradConfig, replace: false, reason: 'missing in tfjs-core 4.22' },
  ...zeroGradConfigs.map((config) => ({ config, replace: false, reason: 'comparison/logical op: zero gradient (tfjs-core 4.22 throws)' })),
  { config: batchMatMulGradConfig, replace: true, reason: 'tfjs-core 4.22 ignores broadcasting (matMul(x[B,N,C], W[C,D]) fails)' },
];
