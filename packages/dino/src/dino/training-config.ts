/** Hyper-parameters of {@link DINOTrainingModule} (the `main_dino.py` arguments). */
export interface DINOTrainingConfig {
  /** Prototypes of the DINO head. */
  outDim: number;
  /** Freeze `weight_g` of the student's last layer (DINO default true; GRIDRAD passes false). */
  normLastLayer: boolean;
  headHiddenDim: number;
  headBottleneckDim: number;
  headNlayers: number;
  /** Student stochastic depth (teacher: 0). */
  dropPathRate: number;
  /** Teacher EMA momentum at the start; cosine to 1 over training. */
  momentumTeacher: number;
  /** Base learning rate at batch 256; the actual peak is `lr·batchSize/256`. */
  lr: number;
  minLr: number;
  warmupEpochs: number;
  weightDecay: number;
  weightDecayEnd: number;
  /** Epochs during which the last layer gets no update. */
  freezeLastLayer: number;
  warmupTeacherTemp: number;
  teacherTemp: number;
  warmupTeacherTempEpochs: number;
  studentTemp: number;
  centerMomentum: number;
  /** Number of local crops (the global crops are always 2). */
  localCropsNumber: number;
  epochs: number;
  /** Iterations per epoch (len(data_loader)); fixes the length of the schedules. */
  itersPerEpoch: number;
  /** Total batch size (per GPU × world) used for the lr scaling rule. */
  batchSize: number;
  seed: number;
}

/**
 * `main_dino.py` defaults (fp32 here: mixed precision is not used). `--clip_grad 3.0` is the trainer's
 * job: `gradientClipVal: 3, gradientClipAlgorithm: 'per-parameter'` (see {@link DINO_TRAINER_CLIPPING}).
 */
export const DEFAULT_DINO_TRAINING_CONFIG: DINOTrainingConfig = {
  outDim: 65536, normLastLayer: true, headHiddenDim: 2048, headBottleneckDim: 256, headNlayers: 3,
  dropPathRate: 0.1, momentumTeacher: 0.996, lr: 0.0005, minLr: 1e-6, warmupEpochs: 10,
  weightDecay: 0.04, weightDecayEnd: 0.4, freezeLastLayer: 1,
  warmupTeacherTemp: 0.04, teacherTemp: 0.04, warmupTeacherTempEpochs: 0, studentTemp: 0.1, centerMomentum: 0.9,
  localCropsNumber: 8, epochs: 100, itersPerEpoch: 1, batchSize: 64, seed: 0,
};

/** DINO's `--clip_grad 3.0` (`utils.clip_gradients`, per parameter) as trainer options. */
export const DINO_TRAINER_CLIPPING = { gradientClipVal: 3.0, gradientClipAlgorithm: 'per-parameter' } as const;
