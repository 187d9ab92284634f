/**
 * `Conv3DBackpropFilterV2` (conv3d's filter gradient, and part of conv3dTranspose's gradient):
 * tfjs-backend-wasm 4.22 returns zeros for part of the filter.
 */
import { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel } from './adapter.js';

/**
 * dW[kd, kh, kw, ci, co] = Σ x[b, od·sd + kd·dd − front, …, ci] · dy[b, od, oh, ow, co].
 * NDHWC activations, filter [kd, kh, kw, ci, co].
 */
export function conv3dBackpropFilterImpl(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv3DInfo): Float32Array {
  const { batchSize, inDepth, inHeight, inWidth, inChannels: ci, outDepth, outHeight, outWidth, outChannels: co } = info;
  const { filterDepth: fd, filterHeight: fh, filterWidth: fw, strideDepth, strideHeight, strideWidth } = info;
  const { dilationDepth, dilationHeight, dilationWidth } = info;
  const { front, top, left } = info.padInfo;
  const dW = new Float32Array(fd * fh * fw * ci * co);
  for (let b = 0; b < batchSize; b++) {
    for (let od = 0; od < outDepth; od++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++) {
          const yOff = (((b * outDepth + od) * outHeight + oh) * outWidth + ow) * co;
          for (let kd = 0; kd < fd; kd++) {
            const d = od * strideDepth + kd * dilationDepth - front;
            if (d < 0 || d >= inDepth) continue;
            for (let kh = 0; kh < fh; kh++) {
              const h = oh * strideHeight + kh * dilationHeight - top;
              if (h < 0 || h >= inHeight) continue;
              for (let kw = 0; kw < fw; kw++) {
                const w = ow * strideWidth + kw * dilationWidth - left;
                if (w < 0 || w >= inWidth) continue;
                const xOff = (((b * inDepth + d) * inHeight + h) * inWidth + w) * ci;
                const wOff = ((kd * fh + kh) * fw + kw) * ci * co;
                for (let c = 0; c < ci; c++) {
                  const xv = x[xOff + c]!;
                  if (xv === 0) continue;
                  const row = wOff + c * co;
                  for (let o = 0; o < co; o++) dW[row + o]! += xv * dy[yOff + o]!;
                }
              }
            }
          }
        }
      }
    }
  }
  return dW;
}

/** Registers our `Conv3DBackpropFilterV2` on wasm. */
export const conv3dBackpropFilterFix: KernelFix = {
  kernelName: 'Conv3DBackpropFilterV2',
  backendName: 'wasm',
  reason: 'wrong values (zeros) in tfjs-backend-wasm 4.22 (conv3d filter gradient)',
  create: () => wasmArrayKernel(({ x, dy }, attrs) => {
    const { strides, pad, filterShape } = attrs as unknown as tf.Conv3DBackpropFilterV2Attrs;
    const info = tf.backend_util.computeConv3DInfo(x!.shape as [number, number, number, number, number], filterShape, strides, 1, pad);
    return { shape: [...filterShape], dtype: 'float32', values: conv3dBackpropFilterImpl(x!.values as Float32Array, dy!.values as Float32Array, info) };
  }),
};
