/**
 * `UnsortedSegmentSum` (the gradient of gather), which tfjs-backend-wasm 4.22 lacks.
 */
import type { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel, type NumericArray } from './adapter.js';

/**
 * out[segmentIds[i], …] += x[i, …], where `i` runs over the leading `idsSize` entries of x (the
 * segment-id tensor's shape, flattened) and each entry is a block of `inner` values. Ids outside
 * [0, numSegments) are dropped, as in TensorFlow.
 */
export function unsortedSegmentSumImpl(x: NumericArray, ids: NumericArray, inner: number, numSegments: number, dtype: 'float32' | 'int32'): Float32Array | Int32Array {
  const out = dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i]!;
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner, dst = s * inner;
    for (let j = 0; j < inner; j++) out[dst + j]! += x[src + j]!;
  }
  return out;
}

/** Registers our `UnsortedSegmentSum` on wasm. */
export const unsortedSegmentSumFix: KernelFix = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  reason: 'missing in tfjs-backend-wasm 4.22 (gather has no gradient)',
  create: () => wasmArrayKernel(({ x, segmentIds }, attrs) => {
    const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
    const r = segmentIds!.shape.length;
    for (let d = 0; d < r; d++) {
      if (x!.shape[d] !== segmentIds!.shape[d]) {
        throw new RangeError(`UnsortedSegmentSum: segmentIds shape [${segmentIds!.shape}] must prefix x shape [${x!.shape}]`);
      }
    }
    const innerShape = x!.shape.slice(r);
    const inner = innerShape.reduce((a, b) => a * b, 1);
    const dtype = x!.dtype === 'int32' ? 'int32' : 'float32';
    const values = unsortedSegmentSumImpl(x!.values, segmentIds!.values, inner, numSegments, dtype);
    return { shape: [numSegments, ...innerShape], dtype, values };
  }),
};
