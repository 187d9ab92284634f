// Port of dariodematties/gridrad/Hierarchical_Pretraining/main_dino.py:__main__, train_dino
import { Rng, streamFor } from '@weatherlearn/engine/rng';
import { join } from 'node:path';
import { CHANNEL_STATS_FILE, DINOTrainingModule, DataAugmentationDINO, VisionTransformer, collateCrops, writeChannelStats, type BackboneFactory, type DINOBatch, type FloatImage } from '@weatherlearn/dino';
import { indexBatchLoader, type DataLoader } from '@weatherlearn/trainer';
import { checkChoice, type TrainConfig } from './train-config.js';
import { gridradImages, syntheticImages } from './dino-data.js';
import type { RunParts } from './types.js';

/**
 * Optimizer steps per epoch on one rank — the length unit of DINO's per-iteration schedules: the
 * trainer gives each of `worldSize` ranks `floor(batches / worldSize)` batches and steps once per
 * `trainer.accumulateGradBatches` of them.
 */
export function dinoItersPerEpoch(cfg: TrainConfig, batches: number, worldSize = 1): number {
  const perRank = worldSize > 1 ? Math.floor(batches / worldSize) : batches;
  return Math.max(1, Math.ceil(perRank / Math.max(1, cfg.trainer.accumulateGradBatches)));
}

/**
 * The batch size of DINO's lr rule: `optim.lr` is `--lr` and the peak lr is `lr × batch / 256`
 * with batch = `data.batchSize` (per GPU) × world size (× accumulation) under `linear-256` (the
 * default for DINO); with `none` the configured lr is the peak itself (batch reported as 256).
 */
export function dinoLrBatch(cfg: TrainConfig, worldSize = 1): number {
  const scaling = cfg.optim.lrScaling === 'auto' ? 'linear-256' : cfg.optim.lrScaling;
  return scaling === 'none' ? 256 : cfg.data.batchSize * worldSize * Math.max(1, cfg.trainer.accumulateGradBatches);
}

/** The DINO training module of a run: `backbone` for student/teacher, recipe and schedules from `cfg`. */
export function makeDinoTrainingModule(cfg: TrainConfig, backbone: BackboneFactory, itersPerEpoch: number, worldSize = 1): DINOTrainingModule {
  const d = cfg.dino;
  return new DINOTrainingModule(backbone, {
    outDim: d.outDim, normLastLayer: d.normLastLayer, headHiddenDim: d.headHiddenDim, headBottleneckDim: d.headBottleneckDim,
    momentumTeacher: d.momentumTeacher, lr: cfg.optim.lr, minLr: cfg.optim.minLr, warmupEpochs: d.warmupEpochs,
    weightDecay: cfg.optim.weightDecay, weightDecayEnd: cfg.optim.weightDecayEnd, dropPathRate: d.dropPathRate,
    freezeLastLayer: d.freezeLastLayer, teacherTemp: d.teacherTemp, warmupTeacherTemp: d.warmupTeacherTemp,
    warmupTeacherTempEpochs: d.warmupTeacherTempEpochs, localCropsNumber: d.localCropsNumber, epochs: cfg.trainer.maxEpochs,
    itersPerEpoch, batchSize: dinoLrBatch(cfg, worldSize), seed: cfg.seed,
  });
}

/** DINO's local crop side: `dino.localCropSize`, or (0) 96/224 of the global size rounded to the patch size. */
export function localCropSize(cfg: TrainConfig): number {
  const d = cfg.dino;
  if (d.localCropSize > 0) return d.localCropSize;
  return Math.max(d.patchSize, Math.round((d.imageSize * 96) / 224 / d.patchSize) * d.patchSize);
}

/** Multi-crop batches over `n` items: batch `i` of an epoch is a pure function of `(i, epoch)` (seeded order and augmentation). */
export function multiCropLoader(cfg: TrainConfig, n: number, views: (i: number, rng: Rng) => FloatImage[]): DataLoader<DINOBatch> {
  const train = indexBatchLoader(n, (idx, epoch) => {
    const rng = streamFor(cfg.seed, 'multi-crop', epoch, idx[0]!);
    return { crops: collateCrops(idx.map((i) => views(i, rng))) };
  }, { batchSize: cfg.data.batchSize, seed: cfg.seed, shuffle: cfg.data.shuffle, dropLast: true });
  if (train.length < 1) throw new Error(`the dataset has ${n} item(s), fewer than data.batchSize (${cfg.data.batchSize}): no full batch`);
  return train;
}

/**
 * Builds a DINO run: a ViT on seeded synthetic SuperDARN-like images, or (`data.source: "gridrad"`)
 * on the per-tensor `.pt` files of `weatherlearn gridrad split`, with multi-crop augmentation
 * normalised by `dino.mean/std` or the data's own per-channel statistics. `worldSize` ranks share
 * each epoch (schedule length, lr rule).
 */
export function buildDinoRun(cfg: TrainConfig, worldSize = 1): RunParts<DINOBatch> {
  const d = cfg.dino, G = d.imageSize;
  const source = checkChoice('data.source', cfg.data.source, ['synthetic', 'gridrad'] as const);
  const images = source === 'gridrad' ? gridradImages(cfg) : syntheticImages(cfg, G, cfg.data.channels);
  const C = images.channels;
  const mean = d.mean.length ? d.mean : images.mean, std = d.std.length ? d.std : images.std;
  if (mean.length !== C || std.length !== C) throw new Error(`dino.mean/dino.std must have one value per channel (${C}), got ${mean.length}/${std.length}`);
  const aug = new DataAugmentationDINO({
    globalCropSize: G, localCropSize: localCropSize(cfg), localCropsNumber: d.localCropsNumber, mean, std, solarizeP: d.solarizeProb,
    globalCropsScale: d.globalCropsScale as [number, number], localCropsScale: d.localCropsScale as [number, number], antialias: d.antialias,
  });
  const train = multiCropLoader(cfg, images.length, (i, rng) => aug.apply(images.get(i), rng));
  const vit: BackboneFactory = (dpr) => Object.assign(new VisionTransformer({ imgSize: G, patchSize: d.patchSize, inChans: C, embedDim: d.embedDim, depth: d.depth, numHeads: d.numHeads, dropPathRate: dpr, seed: cfg.seed }), { numFeatures: d.embedDim });
  const module = makeDinoTrainingModule(cfg, vit, dinoItersPerEpoch(cfg, train.length, worldSize), worldSize);
  const params = module.parameters().reduce((n, p) => n + p.variable.size, 0);
  return {
    module, train, val: undefined,
    summary: { model: `dino (ViT ${d.embedDim}×${d.depth}, patch ${d.patchSize})`, parameters: params, images: `${G}×${G}×${C}`, data: `${images.describe}, ${d.localCropsNumber} local crops of ${localCropSize(cfg)} px`, batches: train.length, 'peak lr': module.lrSchedule.reduce((a, b) => Math.max(a, b), 0) },
    // The statistics the images were normalised with travel with the weights (`embed` reads them).
    ...(images.channelStats ? { writeArtifacts: async (runDir: string) => {
      const file = join(runDir, CHANNEL_STATS_FILE);
      await writeChannelStats(file, images.channelStats!);
      return [file];
    } } : {}),
    dispose: () => module.dispose(),
  };
}
