/**
 * The originals' command-line settings, as recorded in the training references' config.json,
 * mapped onto our config keys (`--set` syntax). `reference check` builds its run config from these
 * through the same resolution as `weatherlearn train` (per-model defaults, the Pangu preset), so what
 * the check proves is what a user's config with the same keys trains.
 */
import type { PanguConfig } from '@weatherlearn/pangu';
import { DEFAULT_PANGU_CONFIG, validatePanguConfig } from '@weatherlearn/pangu';
import { resolveAppConfig } from '../config/presets.js';
import type { AppConfig } from '../config/schema.js';

/** A parsed JSON object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** `main_dino.py` flags (as `hyperparameters` records them) → `--set` lines. */
export function dinoTrainSets(h: Json): string[] {
  return [
    `data.batchSize=${h.batch}`, 'data.shuffle=false',
    `dino.imageSize=${h.img_size}`, `dino.patchSize=${h.patch_size}`, `dino.embedDim=${h.embed_dim}`, `dino.depth=${h.depth}`, `dino.numHeads=${h.num_heads}`,
    `dino.outDim=${h.out_dim}`, `dino.headHiddenDim=${h.hidden_dim}`, `dino.headBottleneckDim=${h.bottleneck_dim}`, `dino.normLastLayer=${h.norm_last_layer}`,
    `dino.localCropsNumber=${h.n_local}`, `dino.localCropSize=${h.local_size}`, `dino.momentumTeacher=${h.momentum_teacher}`,
    `dino.freezeLastLayer=${h.freeze_last_layer}`, `dino.warmupEpochs=${h.warmup_epochs}`, `dino.teacherTemp=${h.teacher_temp}`,
    `dino.warmupTeacherTemp=${h.warmup_teacher_temp}`, `dino.warmupTeacherTempEpochs=${h.warmup_teacher_temp_epochs}`, 'dino.dropPathRate=0',
    `optim.lr=${h.base_lr}`, 'optim.lrScaling=linear-256', `optim.minLr=${h.min_lr}`, `optim.weightDecay=${h.weight_decay}`, `optim.weightDecayEnd=${h.weight_decay_end}`,
    `trainer.maxEpochs=${h.epochs}`, `trainer.gradientClipVal=${h.clip_grad}`, 'trainer.gradientClipAlgorithm=per-parameter',
    'trainer.checkpoint.everyEpoch=false', 'loggers.names=[]',
  ];
}

/** The run config of the `dino-train` reference (as `weatherlearn train dino --set …` would resolve it). */
export function dinoTrainConfig(h: Json): AppConfig {
  return resolveAppConfig({ sets: dinoTrainSets(h) }, 'dino');
}

/** `examples/pangu_lite/train.py` settings → `--set` lines. */
export function panguTrainSets(h: Json): string[] {
  return [
    'pangu.optimizer=adam-l2', 'pangu.loss=l1-weighted', 'pangu.surfaceWeight=0.25', 'pangu.noiseFactor=0', 'pangu.dropPathRate=0',
    `optim.lr=${h.lr}`, 'optim.schedule=constant', `optim.weightDecay=${h.weight_decay}`, `optim.weightDecayEnd=${h.weight_decay}`,
    'trainer.maxEpochs=1', `trainer.maxSteps=${h.iters}`, 'trainer.gradientClipVal=0', 'data.shuffle=false', 'loggers.names=[]',
  ];
}

/** The run config of the `pangu-train` reference (optimizer, loss, schedule and trainer keys). */
export function panguTrainConfig(h: Json): AppConfig {
  return resolveAppConfig({ sets: panguTrainSets(h) }, 'pangu');
}

/** The reference's small 3-D network (the architecture of `../pangu`, drop-path off, no latent noise). */
export function panguTrainModelConfig(h: Json): PanguConfig {
  return validatePanguConfig({
    ...DEFAULT_PANGU_CONFIG,
    embedDim: h.embed_dim, numHeads: h.num_heads, depths: h.depths, windowSize: h.window_size, shiftSize: [1, 3, 6],
    gridSize: [h.lat, h.lon], upperLevels: h.upper_levels, surfaceChans: h.surface_vars, surfaceMaskChans: h.surface_mask_chans,
    upperChans: h.upper_vars, patchSize2d: h.patch_size_2d, patchSize3d: h.patch_size_3d, dropPathRate: 0, noiseFactor: 0,
    loss: 'l1-weighted', surfaceWeight: 0.25, seed: 0,
  });
}
