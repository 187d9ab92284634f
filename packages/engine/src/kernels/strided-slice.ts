/**
 * `StridedSlice` on int32/bool tensors: tfjs-backend-wasm 4.22 always allocates a float32 output for
 * the general (non-contiguous) case, so int32 results come back as float32 bit patterns (1 → 1.4e-45)
 * and bool results read past their elements. float32 keeps the backend's kernel.
 */
import { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel, type NumericArray } from './adapter.js';

/** Copies x[begin + i·strides] for every index i of `outShape` (row-major), any typed array. */
export function stridedGather(x: NumericArray, xShape: number[], begin: number[], strides: number[], outShape: number[], out: NumericArray): void {
  const rank = xShape.length;
  const xStrides = tf.util.computeStrides(xShape);
  const n = out.length;
  const idx = new Array<number>(rank).fill(0);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let d = 0; d < rank; d++) off += (begin[d]! + idx[d]! * strides[d]!) * (d < rank - 1 ? xStrides[d]! : 1);
    out[i] = x[off]!;
    for (let d = rank - 1; d >= 0; d--) { if (++idx[d]! < outShape[d]!) break; idx[d] = 0; }
  }
}

/** Replaces wasm `StridedSlice` for non-float32 inputs. */
export const stridedSliceFix: KernelFix = {
  kernelName: 'StridedSlice',
  backendName: 'wasm',
  reason: 'int32/bool inputs come back as float32 bit patterns in tfjs-backend-wasm 4.22',
  create: (original) => {
    const typed = wasmArrayKernel(({ x }, attrs) => {
      const a = attrs as unknown as tf.StridedSliceAttrs;
      const info = tf.slice_util.sliceInfo(x!.shape, a.begin, a.end, a.strides, a.beginMask, a.endMask, a.ellipsisMask, a.newAxisMask, a.shrinkAxisMask);
      const sparse = info.finalShapeSparse;
      const n = sparse.reduce((p, q) => p * q, 1);
      const out = x!.dtype === 'int32' ? new Int32Array(n) : new Uint8Array(n);
      stridedGather(x!.values, x!.shape, info.begin, info.strides, sparse, out);
      return { shape: info.finalShape, dtype: x!.dtype, values: out };
    });
    return (args) => (args.inputs.x!.dtype === 'float32' && original ? original.kernelFunc(args) : typed(args));
  },
};
