// Port of dariodematties/gridrad/Hierarchical_Pretraining/main_dino.py:DataAugmentationDINO, GridRadDataAugmentationDINO
import { Rng } from '@weatherlearn/engine/rng';
import { type FloatImage, randomResizedCropBox, resizedCrop, hflipInPlace, gaussianBlur3InPlace, solarizeInPlace, normalizeInPlace } from './image-ops.js';

/** Options of {@link DataAugmentationDINO} (GRIDRAD's `GridRadDataAugmentationDINO`, generalised). */
export interface MultiCropConfig {
  globalCropsScale: [number, number];
  localCropsScale: [number, number];
  localCropsNumber: number;
  /** Output side of the global crops (224 in DINO; 64 in small runs). */
  globalCropSize: number;
  /** Output side of the local crops (96 in DINO and GRIDRAD; settable). */
  localCropSize: number;
  /** Antialiased bicubic resize (torchvision ≥ 0.17 / PIL, default true); false = torch `F.interpolate` bicubic without it. */
  antialias: boolean;
  flipP: number;
  /** Blur probability of global crop 1, global crop 2 and every local crop. */
  blurP: [number, number, number];
  blurSigma: [number, number];
  /** Solarization probability (global crop 2 only; 0.2 in DINO). */
  solarizeP: number;
  /** Values above `threshold` become `max − value` (raw units); default: mirror around the channel-0 mean. */
  solarizeThreshold?: number;
  solarizeMax?: number;
  /** Per-channel normalisation `(x − mean[c])/std[c]` from dataset statistics (see `computeChannelStats`); one value applies to every channel. */
  mean: number[];
  std: number[];
}

/** GRIDRAD's settings (2×224 + 8×96, flip 0.5, blur 1.0/0.1/0.5, solarize 0.2, antialiased resize), identity normalisation. */
export const DEFAULT_MULTI_CROP_CONFIG: MultiCropConfig = {
  globalCropsScale: [0.4, 1], localCropsScale: [0.05, 0.4], localCropsNumber: 8, globalCropSize: 224, localCropSize: 96, antialias: true,
  flipP: 0.5, blurP: [1.0, 0.1, 0.5], blurSigma: [0.1, 2.0], solarizeP: 0.2, mean: [0], std: [1],
};

/**
 * Multi-crop augmentation for float single- or multi-channel images: 2 global crops (random resized
 * crop, flip, Gaussian blur; the second also solarization) and N local crops, each normalised with
 * dataset statistics instead of a fixed (x − 0.5)/0.5.
 */
export class DataAugmentationDINO {
  readonly config: MultiCropConfig;

  constructor(config: Partial<MultiCropConfig> = {}) {
    this.config = { ...DEFAULT_MULTI_CROP_CONFIG, ...config };
    const c = this.config;
    if (c.std.some((s) => !(s > 0))) throw new Error(`multi-crop: std must be > 0, got [${c.std.join(', ')}]`);
    for (const k of ['globalCropSize', 'localCropSize'] as const) {
      if (!Number.isInteger(c[k]) || c[k] <= 0) throw new Error(`multi-crop: ${k} must be a positive integer, got ${c[k]}`);
    }
    if (!(c.solarizeP >= 0 && c.solarizeP <= 1)) throw new Error(`multi-crop: solarizeP must be in [0, 1], got ${c.solarizeP}`);
  }

  private view(img: FloatImage, size: number, scale: [number, number], blurP: number, solarizeP: number, rng: Rng): FloatImage {
    const c = this.config;
    const out = resizedCrop(img, randomResizedCropBox(img.height, img.width, scale, rng), size, size, c.antialias);
    if (rng.next() < c.flipP) hflipInPlace(out);
    if (rng.next() < blurP) gaussianBlur3InPlace(out, rng.uniform(c.blurSigma[0], c.blurSigma[1]));
    if (solarizeP > 0 && rng.next() < solarizeP) {
      const m = c.mean[0] ?? 0;
      const t = c.solarizeThreshold ?? m;
      solarizeInPlace(out, t, c.solarizeMax ?? 2 * t);
    }
    normalizeInPlace(out, c.mean, c.std);
    return out;
  }

  /** The `2 + localCropsNumber` views of one image. */
  apply(img: FloatImage, rng: Rng): FloatImage[] {
    const c = this.config;
    const crops = [
      this.view(img, c.globalCropSize, c.globalCropsScale, c.blurP[0], 0, rng),
      this.view(img, c.globalCropSize, c.globalCropsScale, c.blurP[1], c.solarizeP, rng),
    ];
    for (let i = 0; i < c.localCropsNumber; i++) crops.push(this.view(img, c.localCropSize, c.localCropsScale, c.blurP[2], 0, rng));
    return crops;
  }
}

/** Options of {@link DataAugmentationDINO2K}. */
export interface MultiCrop2KConfig {
  /** Side of the token grid (8 for 2048/256). */
  gridSize: number;
  globalCropSize: number;
  localCropSize: number;
  localCropsNumber: number;
  flipP: number;
}

/** GRIDRAD's `DataAugmentationDINO2K`: 8×8 grid, global RandomCrop(8), local RandomCrop(4), 8 locals. */
export const DEFAULT_MULTI_CROP_2K_CONFIG: MultiCrop2KConfig = { gridSize: 8, globalCropSize: 8, localCropSize: 4, localCropsNumber: 8, flipP: 0.5 };

/**
 * Multi-crop on a grid of lower-level embeddings: `[g·g, D]` tokens (token i·g + j = row i, col j)
 * become a `[D, g, g]` image; 2 global and N local random crops with horizontal flips.
 */
export class DataAugmentationDINO2K {
  readonly config: MultiCrop2KConfig;
  constructor(config: Partial<MultiCrop2KConfig> = {}) {
    this.config = { ...DEFAULT_MULTI_CROP_2K_CONFIG, ...config };
  }

  /** `[g·g, D]` row-major tokens → `[D, g, g]` channel-first grid. */
  toGrid(tokens: Float32Array, dim: number): FloatImage {
    const g = this.config.gridSize;
    if (tokens.length !== g * g * dim) throw new Error(`2K augmentation: expected ${g * g}×${dim} tokens, got ${tokens.length} values`);
    const out = new Float32Array(tokens.length);
    for (let t = 0; t < g * g; t++) for (let d = 0; d < dim; d++) out[d * g * g + t] = tokens[t * dim + d]!;
    return { channels: dim, height: g, width: g, data: out };
  }

  private crop(img: FloatImage, size: number, rng: Rng): FloatImage {
    const top = rng.int(0, img.height - size);
    const left = rng.int(0, img.width - size);
    const out = new Float32Array(img.channels * size * size);
    for (let c = 0; c < img.channels; c++) {
      for (let y = 0; y < size; y++) {
        const src = c * img.height * img.width + (top + y) * img.width + left;
        out.set(img.data.subarray(src, src + size), c * size * size + y * size);
      }
    }
    const r: FloatImage = { channels: img.channels, height: size, width: size, data: out };
    if (rng.next() < this.config.flipP) hflipInPlace(r);
    return r;
  }

  /** The `2 + localCropsNumber` views of one token grid. */
  apply(grid: FloatImage, rng: Rng): FloatImage[] {
    const c = this.config;
    const crops = [this.crop(grid, c.globalCropSize, rng), this.crop(grid, c.globalCropSize, rng)];
    for (let i = 0; i < c.localCropsNumber; i++) crops.push(this.crop(grid, c.localCropSize, rng));
    return crops;
  }
}
