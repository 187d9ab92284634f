/** @weatherlearn/tfjs-backend-torch — a native libtorch backend for TensorFlow.js. */
export * from './native.js';
export * from './blas.js';
export * from './backend.js';
export * from './register.js';
export { getFallbackCalls, resetFallbackCalls, runOnCpu } from './fallback.js';
export { torchKernels } from './kernels/index.js';
export { BACKEND_NAME } from './name.js';
