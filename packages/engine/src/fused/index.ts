export * from './kernels.js';
export * from './ops.js';
export * from './attention.js';
