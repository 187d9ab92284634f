// Port of dariodematties/gridrad/Hierarchical_Pretraining/main_dino.py:train_one_epoch
import { tf, AdamW, fromTf, noGrad, toTf, type NamedParameter, type Optimizer } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import type { Collective, Metrics, StepContext, TrainingModule } from '@weatherlearn/trainer';
import { stopGradient } from '../nn/stop-gradient.js';
import { DINOHead } from './dino-head.js';
import { MultiCropWrapper, type Backbone } from './multi-crop-wrapper.js';
import { DINOLoss } from './dino-loss.js';
import { cosineScheduler } from './cosine-scheduler.js';
import { getParamsGroups, cancelGradientsLastLayer, emaUpdate } from './train-utils.js';
import { collapseStats, type CollapseStats } from './monitors.js';
import { DEFAULT_DINO_TRAINING_CONFIG, type DINOTrainingConfig } from './training-config.js';

/** One multi-crop batch: 2 global crops then the local crops, each `[B, C, H, W]` (or `[B, D, h, w]` grids). */
export interface DINOBatch {
  crops: tf.Tensor4D[];
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
 * DINO self-distillation as the trainer's {@link TrainingModule} — the one path that `weatherlearn
 * train dino`, `reference check` (dino, dino-train) and the tests share. Per iteration (as
 * `main_dino.py`'s `train_one_epoch`): the trainer sets every group's lr (and group 0's weight
 * decay) from the schedules, calls {@link trainingStep} (teacher on the 2 global crops, student on
 * all, DINO loss, centre update), clips per parameter (`trainer.gradientClipVal`, algorithm
 * `per-parameter`), calls {@link onBeforeOptimizerStep} (the last layer's gradient is dropped while
 * frozen, so AdamW skips it entirely), steps AdamW over `get_params_groups`, then
 * {@link onAfterOptimizerStep} (centre all-reduce, teacher EMA).
 */
export class DINOTrainingModule implements TrainingModule<DINOBatch> {
  readonly config: DINOTrainingConfig;
  readonly student: MultiCropWrapper;
  readonly teacher: MultiCropWrapper;
  readonly dinoLoss: DINOLoss;
  readonly lrSchedule: Float64Array;
  readonly wdSchedule: Float64Array;
  readonly momentumSchedule: Float64Array;
  /** Global iteration `epoch·itersPerEpoch + i` (checkpointed through {@link extraState}). */
  iteration = 0;
  /** Logs of the last `trainingStep`. */
  lastLogs: DINOStepLogs | undefined;
  private optimizer: AdamW | undefined;

  constructor(backbone: BackboneFactory, config: Partial<DINOTrainingConfig> = {}) {
    const c = (this.config = { ...DEFAULT_DINO_TRAINING_CONFIG, ...config });
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

  /**
   * torch.optim.AdamW over `get_params_groups(student)`: every group follows the lr schedule,
   * group 0 (`regularized`) the weight-decay schedule, group 1 (biases, norms) has no decay. The
   * schedules are indexed by this module's iteration, so a reference run may start mid-schedule.
   */
  configureOptimizers(): { optimizer: Optimizer } {
    if (!this.optimizer) {
      const [reg, noReg] = getParamsGroups(this.student);
      const lrSchedule = () => this.at(this.lrSchedule);
      const wdSchedule = () => this.at(this.wdSchedule);
      this.optimizer = new AdamW([
        { name: 'regularized', params: reg.params, lr: this.at(this.lrSchedule), weightDecay: this.at(this.wdSchedule), lrSchedule, weightDecaySchedule: wdSchedule },
        { name: 'not_regularized', params: noReg.params, lr: this.at(this.lrSchedule), weightDecay: 0, lrSchedule },
      ]);
    }
    return { optimizer: this.optimizer };
  }

  /**
   * Teacher on the 2 global crops, student on all crops (its drop-path drawing from the trainer's
   * checkpointed `ctx.rng`, so a resume is exact); the DINO loss (updates the centre) and collapse monitors.
   */
  trainingStep(batch: DINOBatch, ctx?: Pick<StepContext, 'rng'>): { loss: tf.Scalar; metrics: Metrics } {
    const c = this.config;
    if (batch.crops.length !== c.localCropsNumber + 2) {
      throw new Error(`DINO batch has ${batch.crops.length} crops, expected 2 global + ${c.localCropsNumber} local`);
    }
    const epoch = this.epoch;
    return tf.tidy(() => {
      // no_grad: the teacher's forward keeps nothing alive for the backward pass
      const teacherOut = tf.tidy(() => stopGradient(noGrad(() => this.teacher.forward(batch.crops.slice(0, 2)))));
      const studentBackbone = this.student.backboneOutputs(batch.crops, { rng: ctx?.rng });
      const studentOut = this.student.head.forward(studentBackbone);
      const stats = collapseStats(this.dinoLoss.teacherProbs(teacherOut, epoch), studentBackbone);
      const loss = this.dinoLoss.forward(studentOut, teacherOut, epoch);
      const lossValue = loss.dataSync()[0]!;
      if (!Number.isFinite(lossValue)) throw new Error(`DINO loss is ${lossValue} at iteration ${this.iteration}, stopping training`);
      const logs = { momentum: this.at(this.momentumSchedule), teacherTemp: this.dinoLoss.teacherTemp(epoch), ...stats };
      this.lastLogs = { loss: lossValue, lr: this.at(this.lrSchedule), wd: this.at(this.wdSchedule), epoch, iteration: this.iteration, ...logs };
      const metrics = Object.fromEntries(Object.entries(logs).filter(([, v]) => typeof v === 'number')) as Metrics;
      return { loss, metrics };
    });
  }

  /** `cancel_gradients_last_layer`: while `epoch < freezeLastLayer` the last layer gets no gradient (AdamW skips it). */
  onBeforeOptimizerStep(grads: Record<string, tf.Tensor>): Record<string, tf.Tensor> {
    return cancelGradientsLastLayer(this.epoch, grads, this.config.freezeLastLayer) as Record<string, tf.Tensor>;
  }

  /** Data-parallel training: the teacher centre's batch statistic is all-reduced over `collective`. */
  setCollective(collective: Collective | undefined): void {
    this.dinoLoss.setCollective(collective);
  }

  /** Centre all-reduce (no-op in one process), teacher EMA with this iteration's momentum, next iteration. */
  async onAfterOptimizerStep(): Promise<void> {
    await this.dinoLoss.syncCenter();
    emaUpdate(this.teacher, this.student, this.at(this.momentumSchedule));
    this.iteration += 1;
  }

  /** Teacher weights and the loss centre (checkpointed next to the student and AdamW's state). */
  async stateDict(): Promise<Record<string, Tensor>> {
    const out: Record<string, Tensor> = { center: await fromTf(this.dinoLoss.center) };
    for (const [k, v] of Object.entries(this.teacher.stateDict())) out[`teacher.${k}`] = v;
    return out;
  }

  /** Restores {@link stateDict}'s output. */
  loadStateDict(sd: Record<string, Tensor>): void {
    const teacher = Object.fromEntries(Object.entries(sd).filter(([k]) => k.startsWith('teacher.')).map(([k, v]) => [k.slice(8), v]));
    this.teacher.loadStateDict(teacher);
    if (!sd.center) throw new Error('DINO checkpoint lacks the loss centre ("center")');
    tf.tidy(() => this.dinoLoss.center.assign(toTf(sd.center!)));
  }

  extraState(): unknown { return { iteration: this.iteration }; }
  loadExtraState(s: unknown): void { this.iteration = (s as { iteration: number }).iteration; }

  /** `final.pt` holds the teacher, as DINO's evaluations use it. */
  exportStateDict(): Record<string, Tensor> { return this.teacher.stateDict(); }

  /** Frees both networks, the centre and the optimizer state. */
  dispose(): void {
    this.student.dispose();
    this.teacher.dispose();
    this.dinoLoss.dispose();
    this.optimizer?.dispose();
  }
}
