// Port of dariodematties/gridrad/Hierarchical_Pretraining/main_dino2k.py:__main__, train_dino
import { DataAugmentationDINO2K, VisionTransformer4K, vit2k_xs, type DINOBatch } from '@weatherlearn/dino';
import { checkChoice, type TrainConfig } from './train-config.js';
import { embeddingTokens, syntheticTokens } from './dino-data.js';
import { dinoItersPerEpoch, makeDinoTrainingModule, multiCropLoader } from './dino.js';
import type { RunParts } from './types.js';

/** Position grid of GRIDRAD's ViT-2k (224 // 8). */
const POS_GRID_2K = 28;

/**
 * Builds a `dino2k` run — HIPT level 2: DINO on grids of ViT-256 CLS tokens. Each item is the
 * `[g·g, D]` token file of one crop (`data.source: "embeddings"`, from `weatherlearn embed vit256`)
 * or a seeded synthetic grid; the views are GRIDRAD's `DataAugmentationDINO2K` crops of the token
 * grid (2 global `dino2k.globalCropSize`², `dino.localCropsNumber` local `dino2k.localCropSize`², flips).
 * The backbone is `vit2k_xs` (384 → 192, 6 blocks, 6 heads) or, with `dino2k.arch: "custom"`, a
 * `VisionTransformer4K` of `dino.embedDim/depth/numHeads` over D-dimensional tokens. `worldSize`
 * ranks share each epoch (schedule length).
 */
export function buildDino2kRun(cfg: TrainConfig, worldSize = 1): RunParts<DINOBatch> {
  const source = checkChoice('data.source', cfg.data.source, ['synthetic', 'embeddings'] as const);
  const arch = checkChoice('dino2k.arch', cfg.dino2k.arch, ['vit2k_xs', 'custom'] as const);
  const k = cfg.dino2k, d = cfg.dino;
  const tokens = source === 'embeddings' ? embeddingTokens(cfg) : syntheticTokens(cfg);
  const { dim: D, grid: g } = tokens;
  if (arch === 'vit2k_xs' && D !== 384) {
    throw new Error(`dino2k.arch "vit2k_xs" takes 384-d tokens (ViT-S/16 CLS), but the data has ${D}-d tokens; set dino2k.arch=custom (dino.embedDim/depth/numHeads) for other sizes`);
  }
  for (const [key, v] of [['dino2k.globalCropSize', k.globalCropSize], ['dino2k.localCropSize', k.localCropSize]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > g) throw new Error(`config key "${key}" must be an integer in 1..${g} (the token grid side), got ${v}`);
  }
  const aug = new DataAugmentationDINO2K({ gridSize: g, globalCropSize: k.globalCropSize, localCropSize: k.localCropSize, localCropsNumber: d.localCropsNumber });
  const train = multiCropLoader(cfg, tokens.length, (i, rng) => aug.apply(tokens.get(i), rng));
  const backbone = (dropPathRate: number): VisionTransformer4K => arch === 'vit2k_xs'
    ? vit2k_xs({ dropPathRate, seed: cfg.seed })
    : new VisionTransformer4K({ inputEmbedDim: D, outputEmbedDim: d.embedDim, depth: d.depth, numHeads: d.numHeads, posGrid: POS_GRID_2K, dropPathRate, seed: cfg.seed });
  const module = makeDinoTrainingModule(cfg, backbone, dinoItersPerEpoch(cfg, train.length, worldSize), worldSize);
  const c = (module.student.backbone as VisionTransformer4K).config;
  const params = module.parameters().reduce((n, p) => n + p.variable.size, 0);
  return {
    module, train, val: undefined,
    summary: {
      model: `dino2k (${arch === 'vit2k_xs' ? 'vit2k_xs' : 'ViT-2k'} ${c.inputEmbedDim}→${c.outputEmbedDim}×${c.depth}, ${c.numHeads} heads)`, parameters: params,
      tokens: `${g}×${g}×${D}`, data: `${tokens.describe}, crops ${k.globalCropSize}/${k.localCropSize}, ${d.localCropsNumber} local`, batches: train.length,
    },
    dispose: () => module.dispose(),
  };
}
