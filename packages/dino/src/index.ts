/**
 * @weatherlearn/dino — ViT, DINO self-supervised training and the HIPT hierarchy
 * (ViT-256 → ViT-2k) in TensorFlow.js, with PyTorch-compatible weights.
 */
export * from './nn/stop-gradient.js';
export * from './vit/patch-embed.js';
export * from './vit/attention.js';
export * from './vit/mlp.js';
export * from './vit/block.js';
export * from './vit/interpolate.js';
export * from './vit/vision-transformer.js';
export * from './vit/vision-transformer-4k.js';
export * from './dino/dino-head.js';
export * from './dino/multi-crop-wrapper.js';
export * from './dino/dino-loss.js';
export * from './dino/cosine-scheduler.js';
export * from './dino/train-utils.js';
export * from './dino/monitors.js';
export * from './dino/training-config.js';
export * from './dino/training-module.js';
export * from './data/image-ops.js';
export * from './data/multi-crop.js';
export * from './data/tensor-dataset.js';
export * from './data/loader.js';
export * from './embed/embed.js';
export * from './embed/embed-directory.js';
export * from './embed/channel-stats.js';
export * from './eval/knn.js';
export * from './eval/linear-probe.js';
export * from './io/state-dict.js';
export * from './io/infer-config.js';
export * from './reference/reference-models.js';
export { DinoDataError } from './errors.js';
