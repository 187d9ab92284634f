// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:GaussianBlur, TensorGaussianBlur, Solarization, TensorSolarization
import { bicubicMatrix } from '../vit/interpolate.js';
import type { Rng } from '@weatherlearn/engine/rng';

/** A float image in channel-first C order: `data[c·H·W + y·W + x]`. */
export interface FloatImage {
  channels: number;
  height: number;
  width: number;
  data: Float32Array;
}

/** A crop box. */
export interface Box {
  top: number;
  left: number;
  height: number;
  width: number;
}

/**
 * torchvision `RandomResizedCrop.get_params`: up to 10 tries of a random area fraction in `scale`
 * and log-uniform aspect ratio in `ratio`; falls back to the largest centred box within `ratio`.
 */
export function randomResizedCropBox(h: number, w: number, scale: [number, number], rng: Rng, ratio: [number, number] = [3 / 4, 4 / 3]): Box {
  const area = h * w;
  const [lr0, lr1] = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let i = 0; i < 10; i++) {
    const target = area * rng.uniform(scale[0], scale[1]);
    const aspect = Math.exp(rng.uniform(lr0, lr1));
    const cw = Math.round(Math.sqrt(target * aspect));
    const ch = Math.round(Math.sqrt(target / aspect));
    if (cw > 0 && cw <= w && ch > 0 && ch <= h) return { top: rng.int(0, h - ch), left: rng.int(0, w - cw), height: ch, width: cw };
  }
  const inRatio = w / h;
  let cw = w;
  let ch = h;
  if (inRatio < ratio[0]) ch = Math.round(w / ratio[0]);
  else if (inRatio > ratio[1]) cw = Math.round(h * ratio[1]);
  return { top: Math.floor((h - ch) / 2), left: Math.floor((w - cw) / 2), height: ch, width: cw };
}

/** PIL's bicubic kernel (a = −0.5), which antialiased resizes use (torch `antialias=True`, PIL, torchvision ≥ 0.17). */
function cubicAA(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

/**
 * The `[outSize, inSize]` matrix of an antialiased bicubic resize, as
 * `F.interpolate(mode='bicubic', align_corners=False, antialias=True)` and PIL compute it: when
 * downscaling by `s = in/out > 1` the a = −0.5 kernel is stretched by `s` (support 2s, a low-pass
 * filter), each row normalised to sum 1; when upscaling it is plain a = −0.5 bicubic, also normalised.
 */
export function antialiasBicubicMatrix(inSize: number, outSize: number): Float64Array {
  const scale = inSize / outSize;
  const support = scale >= 1 ? 2 * scale : 2;
  const inv = scale >= 1 ? 1 / scale : 1;
  const m = new Float64Array(outSize * inSize);
  for (let i = 0; i < outSize; i++) {
    const centre = scale * (i + 0.5);
    const lo = Math.max(Math.trunc(centre - support + 0.5), 0);
    const hi = Math.min(Math.trunc(centre + support + 0.5), inSize);
    let total = 0;
    for (let j = lo; j < hi; j++) total += (m[i * inSize + j] = cubicAA((j - centre + 0.5) * inv));
    if (total !== 0) for (let j = lo; j < hi; j++) m[i * inSize + j]! /= total;
  }
  return m;
}

/**
 * Cuts `box` out of `img` and resizes it bicubically to `outH×outW`: antialiased (default, as
 * torchvision ≥ 0.17 and PIL, see {@link antialiasBicubicMatrix}) or with PyTorch's plain
 * `F.interpolate(mode='bicubic')` numerics (a = −0.75, no low-pass: downscaling aliases).
 */
export function resizedCrop(img: FloatImage, box: Box, outH: number, outW: number, antialias = true): FloatImage {
  const { channels: C, width: W } = img;
  const matrix = antialias ? antialiasBicubicMatrix : bicubicMatrix;
  const mh = matrix(box.height, outH);
  const mw = matrix(box.width, outW);
  const out = new Float32Array(C * outH * outW);
  const tmp = new Float64Array(box.height * outW);
  for (let c = 0; c < C; c++) {
    const base = c * img.height * W;
    // Columns first: tmp[y, ox] = Σ_x crop[y, x]·mw[ox, x]
    for (let y = 0; y < box.height; y++) {
      const row = base + (box.top + y) * W + box.left;
      for (let ox = 0; ox < outW; ox++) {
        let s = 0;
        for (let x = 0; x < box.width; x++) {
          const k = mw[ox * box.width + x]!;
          if (k !== 0) s += k * img.data[row + x]!;
        }
        tmp[y * outW + ox] = s;
      }
    }
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        let s = 0;
        for (let y = 0; y < box.height; y++) {
          const k = mh[oy * box.height + y]!;
          if (k !== 0) s += k * tmp[y * outW + ox]!;
        }
        out[c * outH * outW + oy * outW + ox] = s;
      }
    }
  }
  return { channels: C, height: outH, width: outW, data: out };
}

/** Mirrors the image left–right in place. */
export function hflipInPlace(img: FloatImage): void {
  const { width: W } = img;
  for (let r = 0; r < img.channels * img.height; r++) {
    const o = r * W;
    for (let x = 0; x < W >> 1; x++) {
      const t = img.data[o + x]!;
      img.data[o + x] = img.data[o + W - 1 - x]!;
      img.data[o + W - 1 - x] = t;
    }
  }
}

/** torchvision `GaussianBlur(kernel_size=3, sigma)`: separable 3-tap Gaussian, reflect padding, in place. */
export function gaussianBlur3InPlace(img: FloatImage, sigma: number): void {
  const e = Math.exp(-0.5 / (sigma * sigma));
  const k0 = e / (1 + 2 * e);
  const k1 = 1 / (1 + 2 * e);
  const { height: H, width: W } = img;
  const line = new Float32Array(Math.max(H, W));
  const refl = (i: number, n: number) => (n === 1 ? 0 : i < 0 ? -i : i >= n ? 2 * n - 2 - i : i);
  for (let c = 0; c < img.channels; c++) {
    const b = c * H * W;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) line[x] = img.data[b + y * W + x]!;
      for (let x = 0; x < W; x++) img.data[b + y * W + x] = k0 * line[refl(x - 1, W)]! + k1 * line[x]! + k0 * line[refl(x + 1, W)]!;
    }
    for (let x = 0; x < W; x++) {
      for (let y = 0; y < H; y++) line[y] = img.data[b + y * W + x]!;
      for (let y = 0; y < H; y++) img.data[b + y * W + x] = k0 * line[refl(y - 1, H)]! + k1 * line[y]! + k0 * line[refl(y + 1, H)]!;
    }
  }
}

/** Solarization for physical values: every value above `threshold` becomes `max − value` (in place). */
export function solarizeInPlace(img: FloatImage, threshold: number, max: number): void {
  const d = img.data;
  for (let i = 0; i < d.length; i++) if (d[i]! > threshold) d[i] = max - d[i]!;
}

/** Per-channel `(x − mean)/std` in place. */
export function normalizeInPlace(img: FloatImage, mean: readonly number[], std: readonly number[]): void {
  const n = img.height * img.width;
  for (let c = 0; c < img.channels; c++) {
    const m = mean[c] ?? mean[0] ?? 0;
    const s = std[c] ?? std[0] ?? 1;
    for (let i = c * n; i < (c + 1) * n; i++) img.data[i] = (img.data[i]! - m) / s;
  }
}
