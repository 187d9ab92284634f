/**
 * `GatherV2` with `batchDims > 0`: tfjs-backend-wasm 4.22 returns wrong values (it ignores the batch
 * dimensions), which also corrupts the gradient. batchDims = 0 keeps the backend's own kernel.
 */
import type { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel, type NumericArray } from './adapter.js';

/** Sizes of the index space of a batched gather (see {@link gatherBatchedImpl}). */
export interface GatherDims {
  batch: number;
  outer: number;
  dimSize: number;
  inner: number;
  /** Indices per batch entry. */
  perBatch: number;
}

/**
 * out[b, o, k, i] = x[b, o, indices[b, k], i] for x viewed as [batch, outer, dimSize, inner] and
 * indices as [batch, perBatch]. Throws RangeError naming the position of an out-of-range index.
 */
export function gatherBatchedImpl(x: NumericArray, indices: NumericArray, d: GatherDims, out: NumericArray): void {
  const { batch, outer, dimSize, inner, perBatch } = d;
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < outer; o++) {
      const src = (b * outer + o) * dimSize;
      const dst = (b * outer + o) * perBatch;
      for (let k = 0; k < perBatch; k++) {
        const idx = indices[b * perBatch + k]!;
        if (idx < 0 || idx >= dimSize) throw new RangeError(`GatherV2: index ${idx} at position ${b * perBatch + k} is not in [0, ${dimSize - 1}]`);
        const s = (src + idx) * inner;
        out.set(x.subarray(s, s + inner), (dst + k) * inner);
      }
    }
  }
}

const prod = (a: readonly number[]): number => a.reduce((p, q) => p * q, 1);

/** Replaces wasm `GatherV2`: our implementation when batchDims > 0, the backend's otherwise. */
export const gatherV2Fix: KernelFix = {
  kernelName: 'GatherV2',
  backendName: 'wasm',
  reason: 'wrong values when batchDims > 0 (forward and gradient)',
  create: (original) => {
    const batched = wasmArrayKernel(({ x, indices }, attrs) => {
      const { axis, batchDims } = attrs as unknown as tf.GatherV2Attrs;
      const ax = axis < 0 ? axis + x!.shape.length : axis;
      const bd = batchDims < 0 ? batchDims + indices!.shape.length : batchDims;
      const xs = x!.shape, is = indices!.shape;
      const outShape = [...xs.slice(0, ax), ...is.slice(bd), ...xs.slice(ax + 1)];
      const d: GatherDims = { batch: prod(xs.slice(0, bd)), outer: prod(xs.slice(bd, ax)), dimSize: xs[ax]!, inner: prod(xs.slice(ax + 1)), perBatch: prod(is.slice(bd)) };
      const values = x!.dtype === 'int32' ? new Int32Array(prod(outShape)) : x!.dtype === 'bool' ? new Uint8Array(prod(outShape)) : new Float32Array(prod(outShape));
      gatherBatchedImpl(x!.values, indices!.values, d, values);
      return { shape: outShape, dtype: x!.dtype, values };
    });
    return (args) => {
      const bd = (args.attrs as unknown as tf.GatherV2Attrs | undefined)?.batchDims ?? 0;
      if (bd === 0 && original) return original.kernelFunc(args);
      return batched(args);
    };
  },
};
