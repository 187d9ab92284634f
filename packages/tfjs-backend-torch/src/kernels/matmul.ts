import { tf } from '@weatherlearn/engine';
import { h, input, kernel } from './util.js';

/** BatchMatMul (broadcast batch dims, transposes as strided views) and _FusedMatMul (bias + activation). */
export const matmulKernels: tf.KernelConfig[] = [
  kernel('BatchMatMul', ({ inputs, attrs, backend }) => {
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    return backend.adopt(backend.native.matmul(h(backend, inputs, 'a', 'BatchMatMul'), h(backend, inputs, 'b', 'BatchMatMul'), transposeA, transposeB));
  }),
  kernel('_FusedMatMul', ({ inputs, attrs, backend }) => {
    const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as unknown as tf._FusedMatMulAttrs;
    const bias = inputs.bias ? backend.handle(inputs.bias) : null;
    const prelu = inputs.preluActivationWeights ? backend.handle(inputs.preluActivationWeights) : null;
    const a = input(inputs, 'a', '_FusedMatMul'), b = input(inputs, 'b', '_FusedMatMul');
    return backend.adopt(backend.native.fusedMatMul(backend.handle(a), backend.handle(b), transposeA, transposeB, bias,
      activation ?? 'linear', prelu, leakyreluAlpha ?? null));
  }),
];
