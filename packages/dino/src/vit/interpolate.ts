import { tf } from '@weatherlearn/engine';

const A = -0.75;
const cc1 = (x: number): number => ((A + 2) * x - (A + 3)) * x * x + 1;
const cc2 = (x: number): number => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;

/**
 * The `[outSize, inSize]` matrix of PyTorch's 1-D bicubic interpolation
 * (`F.interpolate(mode='bicubic', align_corners=False)`, A = −0.75, border indices clamped).
 * When `scaleFactor` is given it is used in the coordinate mapping, `src = (dst + 0.5)/scale − 0.5`,
 * as PyTorch does when `recompute_scale_factor` is not set; otherwise `scale = out/in`.
 */
export function bicubicMatrix(inSize: number, outSize: number, scaleFactor?: number): Float64Array {
  const scale = scaleFactor !== undefined && scaleFactor > 0 ? 1 / scaleFactor : inSize / outSize;
  const m = new Float64Array(outSize * inSize);
  for (let d = 0; d < outSize; d++) {
    const src = scale * (d + 0.5) - 0.5;
    const i0 = Math.floor(src);
    const t = src - i0;
    const w = [cc2(t + 1), cc1(t), cc1(1 - t), cc2(2 - t)];
    for (let k = 0; k < 4; k++) {
      const idx = Math.min(Math.max(i0 - 1 + k, 0), inSize - 1);
      m[d * inSize + idx]! += w[k]!;
    }
  }
  return m;
}

/**
 * The `[gh·gw, n0·n0]` matrix that maps a flattened `n0×n0` grid to a flattened `gh×gw` grid with
 * DINO's `interpolate_pos_encoding` numerics: `scale_factor = ((g + offset)/n0)` per axis.
 */
export function posEmbedInterpolationMatrix(n0: number, gh: number, gw: number, offset = 0.1): Float32Array {
  const sh = (gh + offset) / n0;
  const sw = (gw + offset) / n0;
  const oh = Math.floor(n0 * sh);
  const ow = Math.floor(n0 * sw);
  if (oh !== gh || ow !== gw) throw new Error(`pos-embed interpolation: ${n0}×${n0} → ${oh}×${ow}, expected ${gh}×${gw}`);
  const mh = bicubicMatrix(n0, gh, sh);
  const mw = bicubicMatrix(n0, gw, sw);
  const out = new Float32Array(gh * gw * n0 * n0);
  for (let i = 0; i < gh; i++) {
    for (let j = 0; j < gw; j++) {
      const row = (i * gw + j) * n0 * n0;
      for (let a = 0; a < n0; a++) {
        const wa = mh[i * n0 + a]!;
        if (wa === 0) continue;
        for (let b = 0; b < n0; b++) out[row + a * n0 + b] = wa * mw[j * n0 + b]!;
      }
    }
  }
  return out;
}

/**
 * `interpolate_pos_encoding`: resizes a `[1, 1+N, D]` position embedding (CLS first, then an
 * `√N×√N` grid) to a `gh×gw` token grid, bicubically and differentiably (one matMul). Returns the
 * input unchanged when the grid already matches (`gh·gw == N` and `gh == gw`), as the original.
 */
export function interpolatePosEncoding(posEmbed: tf.Tensor, gh: number, gw: number): tf.Tensor {
  const n = posEmbed.shape[1]! - 1;
  const dim = posEmbed.shape[2]!;
  if (gh * gw === n && gh === gw) return posEmbed;
  const n0 = Math.round(Math.sqrt(n));
  if (n0 * n0 !== n) throw new Error(`pos_embed has ${n} patch positions, not a square grid`);
  const m = posEmbedInterpolationMatrix(n0, gh, gw);
  return tf.tidy(() => {
    const cls = tf.slice(posEmbed, [0, 0, 0], [1, 1, dim]);
    const grid = tf.reshape(tf.slice(posEmbed, [0, 1, 0], [1, n, dim]), [n, dim]) as tf.Tensor2D;
    const mat = tf.tensor2d(m, [gh * gw, n]);
    const patch = tf.reshape(tf.matMul(mat, grid), [1, gh * gw, dim]);
    return tf.concat([cls, patch], 1);
  });
}
