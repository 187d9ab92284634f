/**
 * The `weatherlearn train --config FILE` schema: a typed `TrainConfig` whose defaults object is
 * also the schema (unknown keys are rejected by `resolveConfig` with the list of valid ones).
 */
export interface TrainConfig {
  /** Seed of initialisation, shuffling and the trainer's generator. */
  seed: number;
  engine: { backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu' };
  data: {
    /**
     * `synthetic`: seeded in-memory SuperDARN-like grids (no files). Files under `dir`:
     * `superdarn` (pangu) a dataset folder from `weatherlearn superdarn grid` (train/val splits and
     * saved statistics); `gridrad` (dino) the per-tensor `.pt` folder from `weatherlearn gridrad split`;
     * `embeddings` (dino2k) the per-crop `[g·g, D]` token files from `weatherlearn embed vit256`.
     */
    source: 'synthetic' | 'superdarn' | 'gridrad' | 'embeddings';
    dir: string;
    /** Synthetic data: training and validation samples, grid size G (G×G), channels. File sources take the shapes from the files. */
    samples: number;
    valSamples: number;
    grid: number;
    channels: number;
    batchSize: number;
    shuffle: boolean;
  };
  pangu: {
    preset: string;
    embedDim: number; numHeads: number[]; depths: number[]; windowSize: number[]; shiftSize: number[]; patchSize2d: number[];
    timeStep: number; noiseFactor: number; dropPathRate: number; loss: 'mse' | 'mae-weather';
  };
  dino: {
    /** ViT-256 (`dino`) / ViT-2k (`dino2k`) size. */
    embedDim: number; depth: number; numHeads: number; patchSize: number; imageSize: number;
    outDim: number; headHiddenDim: number; headBottleneckDim: number; localCrops: number; momentumTeacher: number;
    freezeLastLayer: number; warmupEpochs: number; teacherTemp: number; warmupTeacherTemp: number;
    /** Student stochastic depth. Resume is bit-exact only at 0: the ViT blocks' drop-path generators are not checkpointable yet. */
    dropPathRate: number;
  };
  /** HIPT level 2 (`train dino2k`): a ViT over grids of ViT-256 CLS tokens. */
  dino2k: {
    /** `vit2k_xs` (GRIDRAD's: 384 → 192, 6 blocks, 6 heads; needs 384-d tokens) or `custom` (`dino.embedDim/depth/numHeads`, any token size). */
    arch: 'vit2k_xs' | 'custom';
    /** Synthetic tokens: token size D and grid side g (`[g·g, D]` per crop). Token files give their own. */
    tokenDim: number;
    grid: number;
    /** Side of the 2 global and the `dino.localCrops` local crops of the token grid (GRIDRAD: 8 and 4). */
    globalCropSize: number;
    localCropSize: number;
  };
  optim: {
    lr: number; minLr: number; schedule: 'constant' | 'cosine' | 'step'; warmupSteps: number;
    stepSize: number; gamma: number; weightDecay: number; weightDecayEnd: number;
  };
  trainer: {
    maxEpochs: number; maxSteps: number; accumulateGradBatches: number;
    gradientClipVal: number; gradientClipAlgorithm: 'norm' | 'per-parameter' | 'value';
    valCheckInterval: number; limitValBatches: number; fastDevRun: number; deterministic: boolean; logEveryNSteps: number;
    earlyStopping: { enabled: boolean; monitor: string; mode: 'min' | 'max'; patience: number; minDelta: number };
    checkpoint: { everyNSteps: number; everyEpoch: boolean; keepLastK: number; monitor: string; mode: 'min' | 'max' };
  };
  /** Logger plugins (keys/modes for W&B and Neptune come from the app config and the environment). */
  loggers: { names: string[] };
  /** Non-TTY progress: one line every N steps. */
  progress: { every: number };
  /** Forecast models: prediction/truth files written to `RUN_DIR/samples/` after training (0: none); `weatherlearn report` draws them. */
  samples: number;
}

/** Defaults: a small SuperDARN-preset Pangu on synthetic grids, clipping 0.25 as the original. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  seed: 0,
  engine: { backend: 'auto' },
  data: { source: 'synthetic', dir: '', samples: 32, valSamples: 8, grid: 16, channels: 5, batchSize: 4, shuffle: true },
  pangu: {
    preset: 'superdarn', embedDim: 8, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 4, 4], shiftSize: [1, 2, 2],
    patchSize2d: [4, 4], timeStep: 1, noiseFactor: 0.1, dropPathRate: 0.1, loss: 'mse',
  },
  dino: {
    embedDim: 32, depth: 2, numHeads: 2, patchSize: 4, imageSize: 16, outDim: 64, headHiddenDim: 32, headBottleneckDim: 16,
    localCrops: 2, momentumTeacher: 0.996, freezeLastLayer: 1, warmupEpochs: 1, teacherTemp: 0.04, warmupTeacherTemp: 0.04,
    dropPathRate: 0,
  },
  dino2k: { arch: 'vit2k_xs', tokenDim: 384, grid: 8, globalCropSize: 8, localCropSize: 4 },
  optim: { lr: 1e-3, minLr: 1e-5, schedule: 'cosine', warmupSteps: 0, stepSize: 100, gamma: 0.5, weightDecay: 0.05, weightDecayEnd: 0.05 },
  trainer: {
    maxEpochs: 2, maxSteps: -1, accumulateGradBatches: 1, gradientClipVal: 0.25, gradientClipAlgorithm: 'norm',
    valCheckInterval: 0, limitValBatches: 0, fastDevRun: 0, deterministic: true, logEveryNSteps: 1,
    earlyStopping: { enabled: false, monitor: 'val_loss', mode: 'min', patience: 3, minDelta: 0 },
    checkpoint: { everyNSteps: 0, everyEpoch: true, keepLastK: 3, monitor: 'val_loss', mode: 'min' },
  },
  loggers: { names: ['console', 'jsonl'] },
  progress: { every: 10 },
  samples: 4,
};

/** Throws a message naming the key when `value` is not one of `choices`. */
export function checkChoice<T extends string>(key: string, value: string, choices: readonly T[]): T {
  if (!choices.includes(value as T)) throw new Error(`config key "${key}" must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}`);
  return value as T;
}
