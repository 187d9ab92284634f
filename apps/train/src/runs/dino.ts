import { tf, AdamW, fromTf, toTf } from '@weatherlearn/engine';
import { Rng as DinoRng } from '@weatherlearn/engine/rng';
import { DINOTrainingModule, DataAugmentationDINO, VisionTransformer, collateCrops, cancelGradientsLastLayer, getParamsGroups, type BackboneFactory, type DINOBatch, type FloatImage } from '@weatherlearn/dino';
import { indexBatchLoader, scheduleFromArray, type Collective, type DataLoader, type NamedParameter, type OptimizerConfig, type TrainingModule } from '@weatherlearn/trainer';
import type { Tensor } from '@weatherlearn/tensor-io';
import { checkChoice, type TrainConfig } from './train-config.js';
import { gridradImages, syntheticImages } from './dino-data.js';
import type { RunParts } from './types.js';

/**
 * Adapts {@link DINOTrainingModule} to the trainer: the student is trained with engine AdamW (decay
 * on DINO's regularised group only) following the module's per-iteration lr/wd schedules; the
 * last layer is frozen in the first epochs; the teacher EMA runs after each step; teacher weights,
 * the centre and the iteration counter are checkpointed. `final.pt` holds the teacher (as in DINO).
 * Data-parallel: the trainer hands over its collective and the teacher centre's batch statistic is
 * all-reduced across ranks after each step (DINO's `dist.all_reduce(batch_center)`).
 */
export class DinoRunModule implements TrainingModule<DINOBatch> {
  private optimizer: AdamW | undefined;
  constructor(readonly tm: DINOTrainingModule) {}

  parameters(): NamedParameter[] { return this.tm.parameters(); }

  trainingStep(batch: DINOBatch) {
    const { loss } = this.tm.trainingStep(batch);
    const l = this.tm.lastLogs!;
    const skip = new Set(['loss', 'lr', 'wd', 'epoch', 'iteration']);
    const metrics = Object.fromEntries(Object.entries(l).filter(([k, v]) => !skip.has(k) && typeof v === 'number')) as Record<string, number>;
    return { loss, metrics };
  }

  configureOptimizers(): OptimizerConfig {
    const reg = new Set(getParamsGroups(this.tm.student)[0].params.map((p) => p.variable.name));
    this.optimizer?.dispose();
    this.optimizer = new AdamW({ learningRate: 0, weightDecay: 0, shouldDecay: (n) => reg.has(n) });
    return { optimizer: this.optimizer, lrSchedule: scheduleFromArray(this.tm.lrSchedule), wdSchedule: scheduleFromArray(this.tm.wdSchedule) };
  }

  onBeforeOptimizerStep(grads: Record<string, tf.Tensor>): Record<string, tf.Tensor> {
    return cancelGradientsLastLayer(this.tm.epoch, grads, this.tm.config.freezeLastLayer) as Record<string, tf.Tensor>;
  }

  setCollective(c: Collective): void { this.tm.setCollective(c); }

  async onAfterOptimizerStep(): Promise<void> {
    await this.tm.syncCenter();
    this.tm.onAfterOptimizerStep();
  }

  async stateDict(): Promise<Record<string, Tensor>> {
    return { ...prefix(this.tm.teacher.stateDict(), 'teacher.'), center: await fromTf(this.tm.dinoLoss.center) };
  }

  loadStateDict(sd: Record<string, Tensor>): void {
    const teacher = Object.fromEntries(Object.entries(sd).filter(([k]) => k.startsWith('teacher.')).map(([k, v]) => [k.slice(8), v]));
    this.tm.teacher.loadStateDict(teacher);
    if (!sd.center) throw new Error('DINO checkpoint lacks the loss centre ("center")');
    tf.tidy(() => this.tm.dinoLoss.center.assign(toTf(sd.center!)));
  }

  extraState(): unknown { return { iteration: this.tm.iteration }; }
  loadExtraState(s: unknown): void { this.tm.iteration = (s as { iteration: number }).iteration; }
  exportStateDict(): Record<string, Tensor> { return this.tm.teacher.stateDict(); }
  dispose(): void { this.optimizer?.dispose(); this.tm.dispose(); }
}

function prefix(sd: Record<string, Tensor>, p: string): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(sd).map(([k, v]) => [p + k, v]));
}

/**
 * Optimizer steps per epoch on one rank — the length unit of DINO's per-iteration schedules: the
 * trainer gives each of `worldSize` ranks `floor(batches / worldSize)` batches and steps once per
 * `trainer.accumulateGradBatches` of them.
 */
export function dinoItersPerEpoch(cfg: TrainConfig, batches: number, worldSize = 1): number {
  const perRank = worldSize > 1 ? Math.floor(batches / worldSize) : batches;
  return Math.max(1, Math.ceil(perRank / Math.max(1, cfg.trainer.accumulateGradBatches)));
}

/** The DINO training module of a run: `backbone` for student/teacher, sizes and schedules from `cfg` (`itersPerEpoch`: {@link dinoItersPerEpoch}). */
export function makeDinoTrainingModule(cfg: TrainConfig, backbone: BackboneFactory, itersPerEpoch: number): DINOTrainingModule {
  const d = cfg.dino;
  return new DINOTrainingModule(backbone, {
    outDim: d.outDim, headHiddenDim: d.headHiddenDim, headBottleneckDim: d.headBottleneckDim, momentumTeacher: d.momentumTeacher,
    lr: (cfg.optim.lr * 256) / cfg.data.batchSize, minLr: cfg.optim.minLr, warmupEpochs: d.warmupEpochs, weightDecay: cfg.optim.weightDecay,
    weightDecayEnd: cfg.optim.weightDecayEnd, clipGrad: 0, dropPathRate: d.dropPathRate, freezeLastLayer: d.freezeLastLayer, teacherTemp: d.teacherTemp,
    warmupTeacherTemp: d.warmupTeacherTemp, localCropsNumber: d.localCrops, epochs: cfg.trainer.maxEpochs, itersPerEpoch,
    batchSize: cfg.data.batchSize, seed: cfg.seed,
  });
}

/** Multi-crop batches over `n` items: batch `i` of an epoch is a pure function of `(i, epoch)` (seeded order and augmentation). */
export function multiCropLoader(cfg: TrainConfig, n: number, views: (i: number, rng: DinoRng) => FloatImage[]): DataLoader<DINOBatch> {
  const train = indexBatchLoader(n, (idx) => {
    const rng = new DinoRng((cfg.seed * 7919 + idx[0]! * 104729 + 1) >>> 0);
    return { crops: collateCrops(idx.map((i) => views(i, rng))) };
  }, { batchSize: cfg.data.batchSize, seed: cfg.seed, shuffle: cfg.data.shuffle, dropLast: true });
  if (train.length < 1) throw new Error(`the dataset has ${n} item(s), fewer than data.batchSize (${cfg.data.batchSize}): no full batch`);
  return train;
}

/**
 * Builds a DINO run: a ViT on seeded synthetic SuperDARN-like images, or (`data.source: "gridrad"`)
 * on the per-tensor `.pt` files of `weatherlearn gridrad split`, with multi-crop augmentation
 * normalised by the data's channel statistics. `worldSize` ranks share each epoch (schedule length).
 */
export function buildDinoRun(cfg: TrainConfig, worldSize = 1): RunParts<DINOBatch> {
  const source = checkChoice('data.source', cfg.data.source, ['synthetic', 'gridrad'] as const);
  const d = cfg.dino, G = d.imageSize;
  const images = source === 'gridrad' ? gridradImages(cfg) : syntheticImages(cfg, G, cfg.data.channels);
  const C = images.channels;
  const aug = new DataAugmentationDINO({ globalCropSize: G, localCropSize: Math.max(d.patchSize, G / 2), localCropsNumber: d.localCrops, mean: images.mean, std: images.std });
  const train = multiCropLoader(cfg, images.length, (i, rng) => aug.apply(images.get(i), rng));
  const tm = makeDinoTrainingModule(cfg, (dpr) => Object.assign(new VisionTransformer({ imgSize: G, patchSize: d.patchSize, inChans: C, embedDim: d.embedDim, depth: d.depth, numHeads: d.numHeads, dropPathRate: dpr, seed: cfg.seed }), { numFeatures: d.embedDim }), dinoItersPerEpoch(cfg, train.length, worldSize));
  const module = new DinoRunModule(tm);
  const params = tm.parameters().reduce((n, p) => n + p.variable.size, 0);
  return {
    module, train, val: undefined,
    summary: { model: `dino (ViT ${d.embedDim}×${d.depth}, patch ${d.patchSize})`, parameters: params, images: `${G}×${G}×${C}`, data: `${images.describe}, ${d.localCrops} local crops`, batches: train.length },
    dispose: () => module.dispose(),
  };
}
