/**
 * `Conv2DBackpropFilter` (the filter gradient of conv2d, and part of conv2dTranspose's gradient),
 * which tfjs-backend-wasm 4.22 lacks.
 */
import { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel } from './adapter.js';

/** Strides (batch, row, col, channel) of a 4-D activation in NHWC or NCHW layout. */
export function activationStrides4(info: tf.backend_util.Conv2DInfo, h: number, w: number, c: number): [number, number, number, number] {
  return info.dataFormat === 'channelsLast' ? [h * w * c, w * c, c, 1] : [c * h * w, w, 1, h * w];
}

/**
 * dW[fh, fw, ci, co] = Σ_{b, oh, ow} x[b, oh·sh + fh·dh − top, ow·sw + fw·dw − left, ci] · dy[b, oh, ow, co].
 * Works for NHWC and NCHW activations; the filter is always [fh, fw, ci, co].
 */
export function conv2dBackpropFilterImpl(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const top = info.padInfo.top, left = info.padInfo.left;
  const [xB, xH, xW, xC] = activationStrides4(info, inHeight, inWidth, ci);
  const [yB, yH, yW, yC] = activationStrides4(info, outHeight, outWidth, co);
  const dW = new Float32Array(filterHeight * filterWidth * ci * co);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const yOff = b * yB + oh * yH + ow * yW;
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = oh * strideHeight + fh * dilationHeight - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = ow * strideWidth + fw * dilationWidth - left;
            if (iw < 0 || iw >= inWidth) continue;
            const xOff = b * xB + ih * xH + iw * xW;
            const wOff = (fh * filterWidth + fw) * ci * co;
            for (let c = 0; c < ci; c++) {
              const xv = x[xOff + c * xC]!;
              if (xv === 0) continue;
              const row = wOff + c * co;
              for (let o = 0; o < co; o++) dW[row + o]! += xv * dy[yOff + o * yC]!;
            }
          }
        }
      }
    }
  }
  return dW;
}

/** Registers our `Conv2DBackpropFilter` on wasm. */
export const conv2dBackpropFilterFix: KernelFix = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  reason: 'missing in tfjs-backend-wasm 4.22 (conv2d / conv2dTranspose filter gradients fail)',
  create: () => wasmArrayKernel(({ x, dy }, attrs) => {
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const info = tf.backend_util.computeConv2DInfo(x!.shape as [number, number, number, number], filterShape,
      strides, 1, pad, dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(dataFormat));
    const values = conv2dBackpropFilterImpl(x!.values as Float32Array, dy!.values as Float32Array, info);
    return { shape: [...filterShape], dtype: 'float32', values };
  }),
};
