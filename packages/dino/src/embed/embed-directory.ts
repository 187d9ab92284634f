// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:TensorDatasetInference
import path from 'node:path';
import { writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import type { VisionTransformer } from '../vit/vision-transformer.js';
import type { VisionTransformer4K } from '../vit/vision-transformer-4k.js';
import { listPtFiles, readTensorFile } from '../data/tensor-dataset.js';
import { embedVit256, embedVit2k, type EmbedVit256Options } from './embed.js';

/** Options of {@link embedDirectory}. */
export interface EmbedDirectoryOptions {
  /** Folder of per-crop `.pt` files (searched recursively, processed in sorted order). */
  dataDir: string;
  /** The combined `{relpath: tensor}` `.pt` file (like the original `output_features.pt`). */
  outFile: string;
  /** Where per-crop files go (same relative paths), for the next level; none when undefined. */
  perCropDir?: string;
  /** Crops per forward pass for the 2k level (the last batch may be smaller — nothing is dropped). */
  batchSize: number;
  /** ViT-256 options (patch size, patches per forward, normalisation). */
  vit256?: Partial<EmbedVit256Options>;
  /** Token grid side for the 2k level. */
  gridSize: number;
  /** Progress callback after every crop. */
  onProgress?: (done: number, total: number, relpath: string) => void;
  /**
   * ViT-256: per-file normalisation (e.g. by the channel a file name carries, from the run's
   * channel statistics); overrides `vit256.mean/std` for the files it answers.
   */
  normalizationFor?: (relpath: string) => { mean: number[]; std: number[] } | undefined;
}

/** Defaults: 16 crops per 2k batch, 8×8 grids. */
export const DEFAULT_EMBED_DIRECTORY_OPTIONS: Omit<EmbedDirectoryOptions, 'dataDir' | 'outFile'> = { batchSize: 16, gridSize: 8 };

/** What {@link embedDirectory} wrote. */
export interface EmbedDirectoryResult {
  count: number;
  outFile: string;
  perCropFiles: number;
  shape: number[];
}

type Level = { kind: 'vit256'; model: VisionTransformer } | { kind: 'vit2k'; model: VisionTransformer4K };

/**
 * Embeds every crop under `dataDir` with the ViT-256 (→ `[64, 384]` per 2048 crop) or the ViT-2k
 * (→ `[192]` per `[64, 384]` grid) and writes the combined dict plus optional per-crop files, all
 * atomically. Every file is embedded exactly once (no dropped or duplicated last batch).
 */
export async function embedDirectory(level: Level, options: Partial<EmbedDirectoryOptions> & Pick<EmbedDirectoryOptions, 'dataDir' | 'outFile'>): Promise<EmbedDirectoryResult> {
  const o = { ...DEFAULT_EMBED_DIRECTORY_OPTIONS, ...options };
  const files = listPtFiles(o.dataDir);
  if (files.length === 0) throw new Error(`no .pt files under ${o.dataDir}`);
  const result: Record<string, Tensor> = {};
  let perCropFiles = 0;
  const emit = async (rel: string, t: Tensor) => {
    result[rel] = t;
    if (o.perCropDir) {
      await writeFileAtomic(path.join(o.perCropDir, rel), writePt(t));
      perCropFiles++;
    }
  };
  let done = 0;
  if (level.kind === 'vit256') {
    for (const rel of files) {
      const file = path.join(o.dataDir, rel);
      let t: Tensor;
      try {
        t = embedVit256(level.model, readTensorFile(file), { ...o.vit256, ...o.normalizationFor?.(rel) });
      } catch (err) {
        throw new Error(`${file}: ${(err as Error).message}`);
      }
      await emit(rel, t);
      o.onProgress?.(++done, files.length, rel);
    }
  } else {
    for (let s = 0; s < files.length; s += o.batchSize) {
      const batch = files.slice(s, s + o.batchSize);
      const inputs = batch.map((rel) => readTensorFile(path.join(o.dataDir, rel)));
      let y: Tensor<'float32'>;
      try {
        y = embedVit2k(level.model, inputs, o.gridSize);
      } catch (err) {
        throw new Error(`${o.dataDir} (batch ${batch[0]} … ${batch.at(-1)}): ${(err as Error).message}`);
      }
      const D = y.shape[1]!;
      for (let b = 0; b < batch.length; b++) {
        await emit(batch[b]!, { dtype: 'float32', shape: [D], data: y.data.slice(b * D, (b + 1) * D) });
        o.onProgress?.(++done, files.length, batch[b]!);
      }
    }
  }
  await writeFileAtomic(o.outFile, writePt(result));
  return { count: files.length, outFile: o.outFile, perCropFiles, shape: result[files[0]!]!.shape };
}
