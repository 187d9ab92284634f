import { tf } from '@weatherlearn/engine';
import { stopGradient } from '../nn/stop-gradient.js';
import type { NamedParameter } from '@weatherlearn/engine/nn';
import { Rng } from '@weatherlearn/engine/rng';
import { DINOHead } from './dino-head.js';
import { MultiCropWrapper, type Backbone } from './multi-crop-wrapper.js';
import { DINOLoss, type CenterCollective } from './dino-loss.js';
import { AdamW } from './adamw.js';
import { cosineScheduler } from './cosine-scheduler.js';
import { getParamsGroups, clipGradients, cancelGradientsLastLayer, emaUpdate } from './train-utils.js';
import { collapseStats, type CollapseStats } from './monitors.js';
import { DEFAULT_DINO_TRAINING_CONFIG, type DINOTrainingConfig } from './training-config.js';

/** One multi-crop batch: 2 global crops then the local crops, each `[B, C, H, W]` (or `[B, D, h, w]` grids). */
export interface DINOBatch {
  crops: tf.Tensor4D[];
}

/** What {@link DINOTrainingModule.trainingStep} returns. */
export interface DINOStepOutput {
  loss: tf.Scalar;
}

/** Metrics of the last step (plain numbers, for loggers). */
export interface DINOStepLogs extends Partial<CollapseStats> {
  loss: number;
  lr: number;
  wd: number;
  momentum: number;
  teacherTemp: number;
  epoch: number;
  iteration: number;
}

/** Builds a backbone with the given stochastic-depth rate (student: config value, teacher: 0). */
export type BackboneFactory = (dropPathRate: number) => Backbone & { numFeatures: number };

/**
 * DINO self-distillation as a Lightning-like module. The trainer computes gradients of
 * `trainingStep(batch).loss` with respect to `parameters()`, passes them through
 * `onBeforeOptimizerStep` (per-parameter clipping, last-layer freeze), applies the optimizer from
 * `configureOptimizers()`, then calls `onAfterOptimizerStep()` (teacher EMA, next iteration).
 * `fitStep(batch)` does the whole iteration in one call.
 */
export class DINOTrainingModule {
  readonly config: DINOTrainingConfig;
  readonly student: MultiCropWrapper;
  readonly teacher: MultiCropWrapper;
  readonly dinoLoss: DINOLoss;
  readonly lrSchedule: Float64Array;
  readonly wdSchedule: Float64Array;
  readonly momentumSchedule: Float64Array;
  /** Global iteration `epoch·itersPerEpoch + i`. */
  iteration = 0;
  /** Logs of the last `trainingStep`. */
  lastLogs: DINOStepLogs | undefined;
  /** Default stream of the student's drop-path in {@link trainingStep} (a trainer passes its own). */
  rng: Rng;
  private optimizer: AdamW | undefined;

  constructor(backbone: BackboneFactory, config: Partial<DINOTrainingConfig> = {}) {
    const c = (this.config = { ...DEFAULT_DINO_TRAINING_CONFIG, ...config });
    this.rng = new Rng(c.seed).fork('dino-drop-path');
    const sb = backbone(c.dropPathRate);
    const tb = backbone(0);
    const head = (norm: boolean, seed: number) => new DINOHead({ inDim: sb.numFeatures, outDim: c.outDim, normLastLayer: norm, nlayers: c.headNlayers, hiddenDim: c.headHiddenDim, bottleneckDim: c.headBottleneckDim, seed });
    this.student = new MultiCropWrapper(sb, head(c.normLastLayer, c.seed));
    this.teacher = new MultiCropWrapper(tb, head(true, c.seed));
    this.teacher.loadStateDict(this.student.stateDict());
    for (const p of this.teacher.namedParameters()) p.variable.trainable = false;
    this.dinoLoss = new DINOLoss({
      outDim: c.outDim, ncrops: c.localCropsNumber + 2, warmupTeacherTemp: c.warmupTeacherTemp, teacherTemp: c.teacherTemp,
      warmupTeacherTempEpochs: c.warmupTeacherTempEpochs, nepochs: c.epochs, studentTemp: c.studentTemp, centerMomentum: c.centerMomentum,
    });
    const n = c.itersPerEpoch;
    this.lrSchedule = cosineScheduler((c.lr * c.batchSize) / 256, c.minLr, c.epochs, n, c.warmupEpochs);
    this.wdSchedule = cosineScheduler(c.weightDecay, c.weightDecayEnd, c.epochs, n);
    this.momentumSchedule = cosineScheduler(c.momentumTeacher, 1, c.epochs, n);
  }

  /** Current epoch (`floor(iteration / itersPerEpoch)`). */
  get epoch(): number {
    return Math.floor(this.iteration / this.config.itersPerEpoch);
  }

  private at(s: Float64Array): number {
    return s[Math.min(this.iteration, s.length - 1)]!;
  }

  /** The student's trainable parameters (named like the PyTorch state dict). */
  parameters(): NamedParameter[] {
    return this.student.trainableParameters();
  }

  /** AdamW over `get_params_groups(student)` (created once; lr/wd are set per iteration). */
  configureOptimizers(): { optimizer: AdamW } {
    this.optimizer ??= new AdamW(getParamsGroups(this.student));
    return { optimizer: this.optimizer };
  }

  /**
   * Forward of one iteration: sets this iteration's lr/wd on the optimizer groups, runs the teacher
   * on the 2 global crops and the student on all crops, returns the DINO loss and updates the centre.
   */
  trainingStep(batch: DINOBatch, rng: Rng = this.rng): DINOStepOutput {
    const c = this.config;
    if (batch.crops.length !== c.localCropsNumber + 2) {
      throw new Error(`DINO batch has ${batch.crops.length} crops, expected 2 global + ${c.localCropsNumber} local`);
    }
    const { optimizer } = this.configureOptimizers();
    const lr = this.at(this.lrSchedule);
    const wd = this.at(this.wdSchedule);
    optimizer.groups.forEach((g, i) => {
      g.lr = lr;
      if (i === 0) g.weightDecay = wd;
    });
    const epoch = this.epoch;
    return tf.tidy(() => {
    const teacherOut = tf.tidy(() => stopGradient(this.teacher.forward(batch.crops.slice(0, 2))));
    const studentBackbone = this.student.backboneOutputs(batch.crops, { rng });
    const studentOut = this.student.head.forward(studentBackbone);
    const probs = this.dinoLoss.teacherProbs(teacherOut, epoch);
    const stats = collapseStats(probs, studentBackbone);
    const loss = this.dinoLoss.forward(studentOut, teacherOut, epoch);
    const lossValue = loss.dataSync()[0]!;
    if (!Number.isFinite(lossValue)) throw new Error(`DINO loss is ${lossValue} at iteration ${this.iteration}, stopping training`);
    this.lastLogs = { loss: lossValue, lr, wd, momentum: this.at(this.momentumSchedule), teacherTemp: this.dinoLoss.teacherTemp(epoch), epoch, iteration: this.iteration, ...stats };
    return { loss };
    });
  }

  /** Per-parameter clipping (`clipGrad`) and the last-layer freeze of the first `freezeLastLayer` epochs. */
  onBeforeOptimizerStep(grads: Record<string, tf.Tensor | undefined>): Record<string, tf.Tensor | undefined> {
    let g = grads;
    if (this.config.clipGrad > 0) g = clipGradients(g, this.config.clipGrad).grads;
    return cancelGradientsLastLayer(this.epoch, g, this.config.freezeLastLayer);
  }

  /**
   * Data-parallel training: the teacher centre's batch statistic is all-reduced over `collective`
   * (the trainer's `Collective` fits). Each iteration must then `await syncCenter()` before
   * {@link onAfterOptimizerStep}. `undefined` (or world size 1) returns to local updates.
   */
  setCollective(collective: CenterCollective | undefined): void {
    this.dinoLoss.setCollective(collective);
  }

  /** Applies this iteration's centre update(s) across ranks (no-op in one process). */
  async syncCenter(): Promise<void> {
    await this.dinoLoss.syncCenter();
  }

  /** Teacher EMA with this iteration's momentum, then advances the iteration counter. */
  onAfterOptimizerStep(): void {
    const n = this.dinoLoss.pendingCenterUpdates;
    if (n) throw new Error(`DINO iteration ${this.iteration}: ${n} centre update(s) not all-reduced; await syncCenter() before onAfterOptimizerStep() in data-parallel training`);
    emaUpdate(this.teacher, this.student, this.at(this.momentumSchedule));
    this.iteration += 1;
  }

  /** One full iteration: loss, gradients, clipping/freeze, AdamW step, EMA. Returns the logs. */
  fitStep(batch: DINOBatch): DINOStepLogs {
    const params = this.parameters();
    const { optimizer } = this.configureOptimizers();
    const { value, grads } = tf.variableGrads(() => this.trainingStep(batch).loss, params.map((p) => p.variable));
    value.dispose();
    const byName: Record<string, tf.Tensor | undefined> = {};
    for (const p of params) byName[p.name] = grads[p.variable.name];
    const final = this.onBeforeOptimizerStep(byName);
    optimizer.step(final);
    for (const g of Object.values(final)) g?.dispose();
    this.onAfterOptimizerStep();
    return this.lastLogs!;
  }

  /** Frees both networks, the centre and the optimizer state. */
  dispose(): void {
    this.student.dispose();
    this.teacher.dispose();
    this.dinoLoss.dispose();
    this.optimizer?.dispose();
  }
}
