import type { DemoPreset } from './presets.js';

/** Options shared by the demo's train configs. */
export interface DemoConfigOptions {
  seed: number;
  /** TensorFlow.js backend (wasm: fast on CPU, no native build). */
  backend: 'auto' | 'tensorflow' | 'torch' | 'wasm' | 'cpu';
}

/**
 * The Pangu train config of the demo (written to `configs/pangu.json`): the SuperDARN preset with
 * a small width on the gridded dataset folder `dataDir`, validation on its val split, clipping
 * 0.25, checkpoints, jsonl + TensorBoard metrics, prediction samples.
 */
export function demoPanguConfig(p: DemoPreset, dataDir: string, o: DemoConfigOptions): Record<string, unknown> {
  return {
    seed: o.seed,
    engine: { backend: o.backend },
    data: { source: 'superdarn', dir: dataDir, batchSize: p.panguBatch },
    pangu: {
      preset: 'superdarn', embedDim: p.panguEmbedDim, numHeads: [2, 2, 2, 2], depths: [2, 2, 2, 2], windowSize: [2, 4, 4], shiftSize: [1, 2, 2],
      patchSize2d: [4, 4], timeStep: 1, noiseFactor: 0.1, dropPathRate: 0.1, loss: 'mse-mean', optimizer: 'adamw',
    },
    optim: { lr: 0.003, minLr: 0.0001, schedule: 'cosine', warmupSteps: 4, weightDecay: 0.05, weightDecayEnd: 0.05 },
    trainer: {
      maxEpochs: p.panguEpochs, maxSteps: p.panguMaxSteps, gradientClipVal: 0.25, gradientClipAlgorithm: 'norm',
      valCheckInterval: 0, logEveryNSteps: 1,
      checkpoint: { everyNSteps: Math.max(2, Math.floor(p.panguMaxSteps / 3)), everyEpoch: true, keepLastK: 2, monitor: 'val_loss', mode: 'min' },
    },
    loggers: { names: ['jsonl', 'tensorboard'] },
    progress: { every: 5 },
    samples: 4,
  };
}

/**
 * The DINO train config of the demo (`configs/dino.json`): a ViT-tiny-like student/teacher on the
 * per-tensor GOES patches of `dataDir`, 2 global + 2 local crops, per-parameter clipping 3.0.
 */
export function demoDinoConfig(p: DemoPreset, dataDir: string, o: DemoConfigOptions): Record<string, unknown> {
  return {
    seed: o.seed,
    engine: { backend: o.backend },
    data: { source: 'gridrad', dir: dataDir, batchSize: p.dinoBatch },
    dino: {
      embedDim: p.dinoEmbedDim, depth: p.dinoDepth, numHeads: 2, patchSize: p.dinoPatch, imageSize: p.dinoImage,
      outDim: 128, headHiddenDim: 64, headBottleneckDim: 32, localCropsNumber: 2, momentumTeacher: 0.996, freezeLastLayer: 1,
      warmupEpochs: 0, teacherTemp: 0.04, warmupTeacherTemp: 0.04, dropPathRate: 0,
    },
    optim: { lr: 0.0005, lrScaling: 'none', minLr: 0.00001, weightDecay: 0.04, weightDecayEnd: 0.4 },
    trainer: {
      maxEpochs: p.dinoEpochs, maxSteps: p.dinoMaxSteps, gradientClipVal: 3.0, gradientClipAlgorithm: 'per-parameter', logEveryNSteps: 1,
      checkpoint: { everyNSteps: Math.max(2, Math.floor(p.dinoMaxSteps / 2)), everyEpoch: true, keepLastK: 2, monitor: '', mode: 'min' },
    },
    loggers: { names: ['jsonl', 'tensorboard'] },
    progress: { every: 5 },
  };
}
