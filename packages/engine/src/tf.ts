/**
 * The single TensorFlow.js instance every package uses. Model packages import `tf` from here
 * (never `@tensorflow/tfjs-core` directly) so that kernels and gradients we register apply to them.
 */
export * as tf from '@tensorflow/tfjs-core';
