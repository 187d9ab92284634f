// Port of dariodematties/gridrad/Hierarchical_Pretraining/From_ViT16_to_ViT256.py:forward, prepare_img_tensor
import { tf } from '@weatherlearn/engine';
import { toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import type { VisionTransformer } from '../vit/vision-transformer.js';
import type { VisionTransformer4K } from '../vit/vision-transformer-4k.js';
import { toFloatImage } from '../data/tensor-dataset.js';

/** Options of {@link embedVit256}. */
export interface EmbedVit256Options {
  /** Side of the square patches cut from the crop (256). */
  patchSize: number;
  /** Patches per forward pass (the original uses 256). */
  batchSize: number;
  /** Optional per-channel normalisation (the original feeds raw values at inference). */
  mean?: number[];
  std?: number[];
}

/** Defaults of {@link embedVit256}: 256-px patches, 64 per forward, no normalisation (as the original). */
export const DEFAULT_EMBED_VIT256_OPTIONS: EmbedVit256Options = { patchSize: 256, batchSize: 64 };

/**
 * `From_ViT16_to_ViT256`: centre-crops a `[C, H, W]` (or `[H, W]`) crop to multiples of `patchSize`,
 * cuts it into a row-major grid of patches, and returns the ViT CLS of each: `[rows·cols, D]` with
 * token `row·cols + col` (an 8×8×384 grid for a 2048 crop and ViT-S/16).
 */
export function embedVit256(model: VisionTransformer, crop: Tensor, options: Partial<EmbedVit256Options> = {}): Tensor<'float32'> {
  const o = { ...DEFAULT_EMBED_VIT256_OPTIONS, ...options };
  const img = toFloatImage(crop);
  const p = o.patchSize;
  const rows = Math.floor(img.height / p);
  const cols = Math.floor(img.width / p);
  if (rows === 0 || cols === 0) throw new Error(`embedVit256: crop ${img.height}×${img.width} is smaller than one ${p}×${p} patch`);
  const top = Math.floor((img.height - rows * p) / 2);
  const left = Math.floor((img.width - cols * p) / 2);
  const n = rows * cols;
  const C = img.channels;
  const D = model.numFeatures;
  const out = new Float32Array(n * D);
  for (let start = 0; start < n; start += o.batchSize) {
    const count = Math.min(o.batchSize, n - start);
    const buf = new Float32Array(count * C * p * p);
    for (let b = 0; b < count; b++) {
      const r = Math.floor((start + b) / cols);
      const c = (start + b) % cols;
      for (let ch = 0; ch < C; ch++) {
        const m = o.mean?.[ch] ?? o.mean?.[0] ?? 0;
        const s = o.std?.[ch] ?? o.std?.[0] ?? 1;
        for (let y = 0; y < p; y++) {
          const src = ch * img.height * img.width + (top + r * p + y) * img.width + left + c * p;
          const dst = ((b * C + ch) * p + y) * p;
          for (let x = 0; x < p; x++) buf[dst + x] = (img.data[src + x]! - m) / s;
        }
      }
    }
    const y = tf.tidy(() => model.forward(tf.tensor4d(buf, [count, C, p, p])));
    out.set(y.dataSync() as Float32Array, start * D);
    y.dispose();
  }
  return { dtype: 'float32', shape: [n, D], data: out };
}

/**
 * `From_ViT256_to_ViT2k`: region embeddings from grids of lower-level tokens. Each input is
 * `[g·g, Din]` (token `row·g + col`); the batch is run as `[B, Din, g, g]`; returns `[B, Dout]`.
 */
export function embedVit2k(model: VisionTransformer4K, grids: Tensor[], gridSize = 8): Tensor<'float32'> {
  if (grids.length === 0) throw new Error('embedVit2k: no inputs');
  const din = model.config.inputEmbedDim;
  const g = gridSize;
  const buf = new Float32Array(grids.length * din * g * g);
  grids.forEach((t, b) => {
    if (t.shape.length !== 2 || t.shape[0] !== g * g || t.shape[1] !== din) {
      throw new Error(`embedVit2k: input ${b} has shape [${t.shape.join(', ')}], expected [${g * g}, ${din}]`);
    }
    const d = toFloat32(t);
    for (let k = 0; k < g * g; k++) for (let c = 0; c < din; c++) buf[((b * din + c) * g * g) + k] = d[k * din + c]!;
  });
  const y = tf.tidy(() => model.forward(tf.tensor4d(buf, [grids.length, din, g, g])));
  const out = new Float32Array(y.dataSync() as Float32Array);
  y.dispose();
  return { dtype: 'float32', shape: [grids.length, model.numFeatures], data: out };
}
