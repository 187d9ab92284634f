/**
 * `BatchMatMul` wrapper for tfjs-backend-wasm 4.22, which is slow in two cases models hit all the time:
 * - transpose flags (matMul's gradient always uses them): XNNPACK's transposed paths run ~10× slower
 *   than the plain one, so the transposed operand is materialised with the wasm Transpose kernel
 *   (O(n²)) and the plain kernel runs (O(n³));
 * - a batched `a` times an unbatched `b` (a linear layer x[B, N, C]·W[C, D]): the backend loops over
 *   the batch (~10× slower than one big product), so `a` is reshaped to [B·N, C] for one 2-D matMul.
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

const prod = (a: readonly number[]): number => a.reduce((p, q) => p * q, 1);

/** Replaces wasm `BatchMatMul` (see the module comment). */
export const batchMatMulFix: KernelFix = {
  kernelName: 'BatchMatMul',
  backendName: 'wasm',
  reason: 'transposed and broadcast-batch products ~10× slower than one plain matMul in tfjs-backend-wasm 4.22',
  create: (original) => {
    if (!original) throw new Error('BatchMatMul fix needs the backend\'s own BatchMatMul kernel');
    return (args) => {
      const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
      const sa = args.inputs.a!.shape, sb = args.inputs.b!.shape;
      const innerA = transposeA ? sa[sa.length - 2] : sa[sa.length - 1];
      const innerB = transposeB ? sb[sb.length - 1] : sb[sb.length - 2];
      if (innerA !== innerB) {
        throw new Error(`Error in matMul: inner shapes (${innerA}) and (${innerB}) of tensors with shapes [${sa}] and [${sb}] `
          + `and transposeA=${transposeA} and transposeB=${transposeB} must match.`);
      }
      const batchA = prod(sa.slice(0, -2)), batchB = prod(sb.slice(0, -2));
      const flattenA = batchB === 1 && batchA > 1;
      if (!transposeA && !transposeB && !flattenA) return original.kernelFunc(args);
      const backend = args.backend as unknown as WasmBackendLike;
      const temps: tf.TensorInfo[] = [];
      const run = (name: string, x: tf.TensorInfo, attrs: tf.NamedAttrMap): tf.TensorInfo => {
        const t = tf.getKernel(name, 'wasm')!.kernelFunc({ inputs: { x }, backend: args.backend, attrs }) as tf.TensorInfo;
        temps.push(t);
        return t;
      };
      try {
        let a = transposeA ? run('Transpose', args.inputs.a!, { perm: swapLastTwo(sa.length) }) : args.inputs.a!;
        let b = transposeB ? run('Transpose', args.inputs.b!, { perm: swapLastTwo(sb.length) }) : args.inputs.b!;
        const attrs = { ...args.attrs, transposeA: false, transposeB: false };
        if (!flattenA) return original.kernelFunc({ ...args, inputs: { a, b }, attrs });
        const [m, k] = a.shape.slice(-2) as [number, number];
        const n = b.shape[b.shape.length - 1]!;
        const outShape = [...tf.broadcast_util.assertAndGetBroadcastShape(sa.slice(0, -2), sb.slice(0, -2)), m, n];
        a = run('Reshape', a, { shape: [batchA * m, k] });
        b = run('Reshape', b, { shape: [k, n] });
        const out = original.kernelFunc({ ...args, inputs: { a, b }, attrs }) as tf.TensorInfo;
        out.shape = outShape;
        return out;
      } finally {
        for (const t of temps) backend.disposeData(t.dataId);
      }
    };
  },
};
