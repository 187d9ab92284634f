/** @weatherlearn/pangu — the Pangu-Weather 3-D Earth-specific transformer in TensorFlow.js. */
// Configuration: presets, validation and the derived stage geometry.
export {
  panguPreset, validatePanguConfig, DEFAULT_PANGU_CONFIG, DEFAULT_PANGU_LITE_CONFIG,
  DEFAULT_SUPERDARN_CONFIG, PANGU_PRESETS,
} from './config.js';
export type { PanguLoss, PanguDownsample, PanguDropPathSchedule, PanguConfig } from './config.js';
export { getPad3d, panguGeometry } from './geometry.js';
export type { Res3, Pad3, StageGeometry, PanguGeometry } from './geometry.js';

// Building blocks of pangu.py: tensor ops, crop, window index and mask, patch embed/recovery, down/up-sampling.
export { transposeAny, sliceAxis } from './ops/ops.js';
export { Crop2D, Crop3D } from './crop.js';
export { WindowPartition, WindowReverse } from './window.js';
export { getEarthPositionIndex } from './earth-position-index.js';
export { getShiftWindowMask } from './shift-window-mask.js';
export { PatchEmbed2D } from './patch-embed-2d.js';
export { PatchEmbed3D } from './patch-embed-3d.js';
export { PatchRecovery2D } from './patch-recovery-2d.js';
export { PatchRecovery3D } from './patch-recovery-3d.js';
export { DownSample } from './down-sample.js';
export { UpSample } from './up-sample.js';

// Earth-specific attention, block and layer.
export { EarthAttention3D } from './earth-attention-3d.js';
export type { EarthAttention3DOptions } from './earth-attention-3d.js';
export { EarthSpecificBlock } from './earth-specific-block.js';
export type { EarthSpecificBlockOptions } from './earth-specific-block.js';
export { EarthSpecificLayer, EarthSpecificLayer as BasicLayer } from './earth-specific-layer.js';
export type { EarthSpecificLayerOptions } from './earth-specific-layer.js';

// The model and its PyTorch weights.
export { Pangu } from './pangu.js';
export type {
  PanguInput, PanguOutput, PanguForwardOptions, PanguParameter, PanguBuildOptions,
} from './pangu.js';
export { loadTorchStateDict, saveTorchStateDict } from './state-dict.js';
export type { LoadTorchStateDictOptions, LoadReport, SaveStateDictOptions } from './state-dict.js';

// Training: the trainer module, loss, FiLM conditioning, diagnostics and per-step RMSE.
export { PanguTrainingModule } from './training-module.js';
export type { PanguTarget, PanguBatch, PanguRolloutBatch, PanguTrainingOptions } from './training-module.js';
export { panguLoss, smoothL1 } from './loss.js';
export { FiLM } from './film.js';
export { forecastDiagnostics } from './diagnostics.js';
export type { StepRmse } from './rmse.js';

// Reference checks: configs from reference runs and the layer table.
export { isPanguReferenceConfig, panguConfigFromReference } from './reference-config.js';
export { layerTable } from './layer-table.js';
export type { LayerRow } from './layer-table.js';
