import { tf } from '@weatherlearn/engine';
import { input, kernel } from './util.js';

/** Throws tfjs' message when the contracted dimensions differ (libtorch's would not name the flags). */
function checkInner(sa: number[], sb: number[], transposeA: boolean, transposeB: boolean): void {
  const innerA = transposeA ? sa[sa.length - 2] : sa[sa.length - 1];
  const innerB = transposeB ? sb[sb.length - 1] : sb[sb.length - 2];
  if (innerA !== innerB) {
    throw new Error(`Error in matMul: inner shapes (${innerA}) and (${innerB}) of Tensors with shapes ${sa} and ${sb} and `
      + `transposeA=${transposeA} and transposeB=${transposeB} must match.`);
  }
}

/** BatchMatMul (broadcast batch dims, transposes as strided views) and _FusedMatMul (bias + activation). */
export const matmulKernels: tf.KernelConfig[] = [
  kernel('BatchMatMul', ({ inputs, attrs, backend }) => {
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    const a = input(inputs, 'a', 'BatchMatMul'), b = input(inputs, 'b', 'BatchMatMul');
    checkInner(a.shape, b.shape, transposeA, transposeB);
    return backend.adopt(backend.native.matmul(backend.handle(a), backend.handle(b), transposeA, transposeB));
  }),
  kernel('_FusedMatMul', ({ inputs, attrs, backend }) => {
    const { transposeA, transposeB, activation, leakyreluAlpha } = attrs as unknown as tf._FusedMatMulAttrs;
    const bias = inputs.bias ? backend.handle(inputs.bias) : null;
    const prelu = inputs.preluActivationWeights ? backend.handle(inputs.preluActivationWeights) : null;
    const a = input(inputs, 'a', '_FusedMatMul'), b = input(inputs, 'b', '_FusedMatMul');
    checkInner(a.shape, b.shape, transposeA, transposeB);
    return backend.adopt(backend.native.fusedMatMul(backend.handle(a), backend.handle(b), transposeA, transposeB, bias,
      activation ?? 'linear', prelu, leakyreluAlpha ?? null));
  }),
];
