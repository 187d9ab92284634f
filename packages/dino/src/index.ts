/**
 * @weatherlearn/dino — ViT, DINO self-supervised training and the HIPT hierarchy
 * (ViT-256 → ViT-2k) in TensorFlow.js, with PyTorch-compatible weights.
 */
// ViT building blocks (vision_transformer.py): patch embedding, attention, MLP, block, position interpolation.
export { PatchEmbed, ConvProj } from './vit/patch-embed.js';
export { Attention } from './vit/attention.js';
export { Mlp } from './vit/mlp.js';
export { Block } from './vit/block.js';
export type { BlockOptions } from './vit/block.js';
export { bicubicMatrix, interpolatePosEncoding } from './vit/interpolate.js';

// The ViT-256 backbone and its presets.
export { vit_tiny, vit_small, vit_base, VisionTransformer } from './vit/vision-transformer.js';
export type { VisionTransformerConfig } from './vit/vision-transformer.js';

// The HIPT ViT-4K / GRIDRAD ViT-2K hierarchy over ViT-256 embeddings.
export { vit2k_xs, vit4k_xs, Phi, VisionTransformer4K } from './vit/vision-transformer-4k.js';
export type { VisionTransformer4KConfig } from './vit/vision-transformer-4k.js';

// DINO self-supervised training: head, multi-crop wrapper, loss, schedules and EMA teacher.
export { HeadMlp, WeightNormLinear, DINOHead } from './dino/dino-head.js';
export type { DINOHeadConfig } from './dino/dino-head.js';
export { MultiCropWrapper } from './dino/multi-crop-wrapper.js';
export type { Backbone } from './dino/multi-crop-wrapper.js';
export { DINOLoss } from './dino/dino-loss.js';
export type { DINOLossConfig, CenterCollective } from './dino/dino-loss.js';
export { cosineScheduler } from './dino/cosine-scheduler.js';
export { getParamsGroups, cancelGradientsLastLayer, emaUpdate } from './dino/train-utils.js';
export type { DinoParamGroup } from './dino/train-utils.js';

// Collapse monitors logged during training.
export { collapseStats } from './dino/monitors.js';
export type { CollapseStats } from './dino/monitors.js';

// The trainer module that runs DINO through @weatherlearn/trainer, with its typed config.
export { DEFAULT_DINO_TRAINING_CONFIG, DINO_TRAINER_CLIPPING } from './dino/training-config.js';
export type { DINOTrainingConfig } from './dino/training-config.js';
export { DINOTrainingModule } from './dino/training-module.js';
export type { DINOBatch, DINOStepLogs, BackboneFactory } from './dino/training-module.js';

// Data: multi-crop augmentation, tensor-file datasets and the crop batch loader.
export type { FloatImage } from './data/image-ops.js';
export {
  DEFAULT_MULTI_CROP_CONFIG, DataAugmentationDINO, DataAugmentationDINO2K,
} from './data/multi-crop.js';
export type { MultiCropConfig, MultiCrop2KConfig } from './data/multi-crop.js';
export { computeChannelStats, TensorFileDataset } from './data/tensor-dataset.js';
export { collateCrops, dinoBatches } from './data/loader.js';
export type { MultiCropTransform } from './data/loader.js';

// Embedding extraction (ViT-256 / ViT-2K features) and per-channel statistics files.
export { embedVit256, embedVit2k } from './embed/embed.js';
export type { EmbedVit256Options } from './embed/embed.js';
export { embedDirectory } from './embed/embed-directory.js';
export type { EmbedDirectoryOptions, EmbedDirectoryResult } from './embed/embed-directory.js';
export {
  writeChannelStats, readChannelStats, findChannelStats, CHANNEL_STATS_FILE, NamedStatsAccumulator,
} from './embed/channel-stats.js';
export type { NamedChannelStats, ChannelStatsFile } from './embed/channel-stats.js';

// Evaluation of frozen features: k-NN classifier and linear probe.
export { knnClassifier } from './eval/knn.js';
export type { KnnOptions, KnnResult } from './eval/knn.js';
export { linearProbe } from './eval/linear-probe.js';
export type { LinearProbeOptions, LinearProbeResult } from './eval/linear-probe.js';

// PyTorch weights: load/save `.pth` checkpoints and infer the architecture from one.
export { extractStateDict, loadPretrainedWeights, savePretrainedWeights } from './io/state-dict.js';
export type { LoadTorchOptions } from './io/state-dict.js';
export { vitConfigFromStateDict, vit4kConfigFromStateDict } from './io/infer-config.js';

// Errors for bad input data (file, field).
export { DinoDataError } from './errors.js';
