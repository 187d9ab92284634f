/**
 * `BatchMatMul` with transpose flags: tfjs-backend-wasm 4.22 passes the flags to XNNPACK, whose
 * transposed paths are several times slower than the plain one (matMul's gradient always uses them).
 * The wrapper materialises the transposed operand with the wasm Transpose kernel (cheap, O(n²)) and
 * runs the plain kernel (O(n³)).
 */
import { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import type { WasmBackendLike } from './adapter.js';

/** The permutation swapping the last two axes of a rank-`rank` tensor. */
export function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/** Replaces wasm `BatchMatMul` by transpose + plain matMul when a transpose flag is set. */
export const batchMatMulFix: KernelFix = {
  kernelName: 'BatchMatMul',
  backendName: 'wasm',
  reason: 'transposeA/transposeB paths several times slower than plain matMul in tfjs-backend-wasm 4.22',
  create: (original) => {
    if (!original) throw new Error('BatchMatMul fix needs the backend\'s own BatchMatMul kernel');
    return (args) => {
      const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
      if (!transposeA && !transposeB) return original.kernelFunc(args);
      const sa = args.inputs.a!.shape, sb = args.inputs.b!.shape;
      const innerA = transposeA ? sa[sa.length - 2] : sa[sa.length - 1];
      const innerB = transposeB ? sb[sb.length - 1] : sb[sb.length - 2];
      if (innerA !== innerB) {
        throw new Error(`Error in matMul: inner shapes (${innerA}) and (${innerB}) of tensors with shapes [${sa}] and [${sb}] `
          + `and transposeA=${transposeA} and transposeB=${transposeB} must match.`);
      }
      const backend = args.backend as unknown as WasmBackendLike;
      const transpose = tf.getKernel('Transpose', 'wasm')!.kernelFunc;
      const temps: tf.TensorInfo[] = [];
      const flip = (x: tf.TensorInfo): tf.TensorInfo => {
        const t = transpose({ inputs: { x }, backend: args.backend, attrs: { perm: swapLastTwo(x.shape.length) } }) as tf.TensorInfo;
        temps.push(t);
        return t;
      };
      try {
        const a = transposeA ? flip(args.inputs.a!) : args.inputs.a!;
        const b = transposeB ? flip(args.inputs.b!) : args.inputs.b!;
        return original.kernelFunc({ ...args, inputs: { a, b }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      } finally {
        for (const t of temps) backend.disposeData(t.dataId);
      }
    };
  },
};
