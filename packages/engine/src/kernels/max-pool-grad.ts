/**
 * `MaxPoolGrad`: tfjs-backend-wasm 4.22 drops windows (e.g. 2×2 stride-2 'valid' pooling of a 4×4
 * input returns wrong values), so maxPool cannot be trained on it.
 */
import { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel } from './adapter.js';

/**
 * Routes each dy value to the first maximum of its pooling window (row-major scan, padding
 * excluded), summing where windows overlap. NHWC layout.
 */
export function maxPoolGradImpl(dy: Float32Array, x: Float32Array, info: tf.backend_util.Conv2DInfo): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const top = info.padInfo.top, left = info.padInfo.left;
  const dx = new Float32Array(x.length);
  for (let b = 0; b < batchSize; b++) {
    const xb = b * inHeight * inWidth * ch;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * strideWidth - left;
        const yOff = ((b * outHeight + oh) * outWidth + ow) * ch;
        for (let c = 0; c < ch; c++) {
          let best = -Infinity, at = -1;
          for (let i = 0; i < fh; i += dilationHeight) {
            const h = h0 + i;
            if (h < 0 || h >= inHeight) continue;
            for (let j = 0; j < fw; j += dilationWidth) {
              const w = w0 + j;
              if (w < 0 || w >= inWidth) continue;
              const k = xb + (h * inWidth + w) * ch + c;
              if (x[k]! > best || at < 0) { best = x[k]!; at = k; }
            }
          }
          if (at >= 0) dx[at]! += dy[yOff + c]!;
        }
      }
    }
  }
  return dx;
}

/** Registers our `MaxPoolGrad` on wasm. */
export const maxPoolGradFix: KernelFix = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  reason: 'drops windows in tfjs-backend-wasm 4.22 (wrong maxPool gradients)',
  create: () => wasmArrayKernel(({ dy, input }, attrs) => {
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
    const info = tf.backend_util.computePool2DInfo(input!.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
    return { shape: [...input!.shape], dtype: 'float32', values: maxPoolGradImpl(dy!.values as Float32Array, input!.values as Float32Array, info) };
  }),
};
