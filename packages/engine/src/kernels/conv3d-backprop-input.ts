/**
 * `Conv3DBackpropInputV2` (conv3d's input gradient and conv3dTranspose's forward): tfjs-backend-wasm
 * 4.22 returns wrong values. tfjs-core also has no gradient for it, so conv3dTranspose cannot be
 * trained on any backend; {@link conv3dBackpropInputGradConfig} adds one.
 */
import { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel } from './adapter.js';

/**
 * dx[b, d, h, w, ci] = Σ dy[b, od, oh, ow, co] · W[kd, kh, kw, ci, co] over all (od, kd) with
 * d = od·sd + kd·dd − front (likewise for h, w). NDHWC activations, filter [kd, kh, kw, ci, co].
 */
export function conv3dBackpropInputImpl(dy: Float32Array, w: Float32Array, info: tf.backend_util.Conv3DInfo): Float32Array {
  const { batchSize, inDepth, inHeight, inWidth, inChannels: ci, outDepth, outHeight, outWidth, outChannels: co } = info;
  const { filterDepth: fd, filterHeight: fh, filterWidth: fw, strideDepth, strideHeight, strideWidth } = info;
  const { dilationDepth, dilationHeight, dilationWidth } = info;
  const { front, top, left } = info.padInfo;
  const dx = new Float32Array(batchSize * inDepth * inHeight * inWidth * ci);
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
                const x = ow * strideWidth + kw * dilationWidth - left;
                if (x < 0 || x >= inWidth) continue;
                const xOff = (((b * inDepth + d) * inHeight + h) * inWidth + x) * ci;
                const wOff = ((kd * fh + kh) * fw + kw) * ci * co;
                for (let c = 0; c < ci; c++) {
                  let acc = 0;
                  const row = wOff + c * co;
                  for (let o = 0; o < co; o++) acc += dy[yOff + o]! * w[row + o]!;
                  dx[xOff + c]! += acc;
                }
              }
            }
          }
        }
      }
    }
  }
  return dx;
}

/** Registers our `Conv3DBackpropInputV2` on wasm. */
export const conv3dBackpropInputFix: KernelFix = {
  kernelName: 'Conv3DBackpropInputV2',
  backendName: 'wasm',
  reason: 'wrong values in tfjs-backend-wasm 4.22 (conv3d input gradient, conv3dTranspose forward)',
  create: () => wasmArrayKernel(({ dy, filter }, attrs) => {
    const { strides, pad, inputShape } = attrs as unknown as tf.Conv3DBackpropInputV2Attrs;
    const info = tf.backend_util.computeConv3DInfo(inputShape, filter!.shape as [number, number, number, number, number], strides, 1, pad);
    return { shape: [...inputShape], dtype: 'float32', values: conv3dBackpropInputImpl(dy!.values as Float32Array, filter!.values as Float32Array, info) };
  }),
};

/**
 * Gradient of `Conv3DBackpropInputV2` (missing from tfjs-core 4.22), mirroring conv2dTranspose's:
 * d/d(dy) = conv3d(g, W), d/dW = Conv3DBackpropFilterV2(x = g, dy).
 */
export const conv3dBackpropInputGradConfig: tf.GradConfig = {
  kernelName: 'Conv3DBackpropInputV2',
  inputsToSave: ['dy', 'filter'],
  gradFunc: (g, saved, attrs) => {
    const [dy, filter] = saved as [tf.Tensor5D, tf.Tensor5D];
    const { strides, pad } = attrs as unknown as tf.Conv3DBackpropInputV2Attrs;
    return {
      dy: () => tf.conv3d(g as tf.Tensor5D, filter, strides, pad),
      filter: () => tf.engine().runKernel('Conv3DBackpropFilterV2', { x: g as tf.Tensor, dy }, { strides, pad, filterShape: filter.shape } as never) as tf.Tensor,
    };
  },
};
