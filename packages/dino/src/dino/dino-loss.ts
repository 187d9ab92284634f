// Port of dariodematties/gridrad/Hierarchical_Pretraining/main_dino.py:DINOLoss
import { tf } from '@weatherlearn/engine';
import { stopGradient } from '../nn/stop-gradient.js';

/** Constructor options of {@link DINOLoss}. */
export interface DINOLossConfig {
  outDim: number;
  /** Total crops (2 global + local). */
  ncrops: number;
  warmupTeacherTemp: number;
  teacherTemp: number;
  warmupTeacherTempEpochs: number;
  nepochs: number;
  studentTemp: number;
  centerMomentum: number;
}

/** `main_dino` defaults (0.04 → 0.04 over 30 epochs, student 0.1, centre momentum 0.9, 2+8 crops). */
export const DEFAULT_DINO_LOSS_CONFIG: DINOLossConfig = {
  outDim: 65536, ncrops: 10, warmupTeacherTemp: 0.04, teacherTemp: 0.04, warmupTeacherTempEpochs: 30,
  nepochs: 100, studentTemp: 0.1, centerMomentum: 0.9,
};

/**
 * The collective operation the centre update needs across data-parallel ranks. `@weatherlearn/trainer`'s
 * `Collective` (and `@weatherlearn/distributed`'s `ProcessGroup`) fit it structurally; this package
 * imports neither.
 */
export interface CenterCollective {
  /** Number of ranks training together. */
  readonly worldSize: number;
  /** Replaces every buffer with its element-wise mean over all ranks (in place; every rank calls it in the same order). */
  allReduceMean(buffers: Float32Array[]): Promise<void>;
}

/**
 * `DINOLoss`: cross-entropy between the sharpened, centred teacher softmax of each global crop and
 * the student's log-softmax of every other crop, averaged over pairs; then an EMA update of the
 * centre from the raw teacher outputs (`c ← m·c + (1−m)·mean(teacher)`).
 */
export class DINOLoss {
  readonly config: DINOLossConfig;
  /** `[1, out_dim]`, starts at zero. */
  readonly center: tf.Variable;
  /** Teacher temperature per epoch (linear warm-up, then constant). */
  readonly teacherTempSchedule: Float64Array;
  private collective: CenterCollective | undefined;
  /** Data-parallel: per-forward batch sums of the teacher output (`K` values, then the row count) awaiting {@link syncCenter}. */
  private pending: Float32Array[] = [];

  constructor(config: Partial<DINOLossConfig> = {}) {
    const c = (this.config = { ...DEFAULT_DINO_LOSS_CONFIG, ...config });
    if (c.ncrops < 2) throw new Error(`DINOLoss: ncrops must be ≥ 2, got ${c.ncrops}`);
    this.center = tf.variable(tf.zeros([1, c.outDim]), false);
    const n = Math.max(c.nepochs, c.warmupTeacherTempEpochs);
    const s = new Float64Array(n);
    const w = c.warmupTeacherTempEpochs;
    for (let e = 0; e < n; e++) {
      if (e < w) s[e] = w === 1 ? c.warmupTeacherTemp : c.warmupTeacherTemp + ((c.teacherTemp - c.warmupTeacherTemp) * e) / (w - 1);
      else s[e] = c.teacherTemp;
    }
    this.teacherTempSchedule = s;
  }

  /** Teacher temperature of `epoch` (the last value past the schedule's end). */
  teacherTemp(epoch: number): number {
    const s = this.teacherTempSchedule;
    return s[Math.min(Math.max(epoch, 0), s.length - 1)]!;
  }

  /** The teacher's target probabilities `softmax((t − c)/τ)`: `[2B, K]`, no gradient. */
  teacherProbs(teacherOutput: tf.Tensor2D, epoch: number): tf.Tensor2D {
    return tf.tidy(() => tf.softmax(tf.div(tf.sub(teacherOutput, this.center), this.teacherTemp(epoch))) as tf.Tensor2D);
  }

  /**
   * The loss (a scalar, differentiable w.r.t. `studentOutput`) without touching the centre.
   * `studentOutput` is `[ncrops·B, K]`, `teacherOutput` `[2·B, K]`, both crop-major.
   */
  lossOnly(studentOutput: tf.Tensor2D, teacherOutput: tf.Tensor2D, epoch: number): tf.Scalar {
    const nc = this.config.ncrops;
    const [rows, K] = studentOutput.shape;
    if (rows % nc !== 0) throw new Error(`DINOLoss: student output has ${rows} rows, not a multiple of ncrops=${nc}`);
    const B = rows / nc;
    if (teacherOutput.shape[0] !== 2 * B || teacherOutput.shape[1] !== K) {
      throw new Error(`DINOLoss: teacher output [${teacherOutput.shape.join(', ')}] should be [${2 * B}, ${K}]`);
    }
    return tf.tidy(() => {
      const q = tf.reshape(stopGradient(this.teacherProbs(teacherOutput, epoch)), [2, B * K]) as tf.Tensor2D;
      const ls = tf.reshape(tf.logSoftmax(tf.div(studentOutput, this.config.studentTemp)), [nc, B * K]) as tf.Tensor2D;
      // m[i, v] = mean_b Σ_k −q[i,b,k]·log p[v,b,k]
      const m = tf.div(tf.neg(tf.matMul(q, ls, false, true)), B);
      const mask = new Float32Array(2 * nc).fill(1);
      mask[0] = 0;
      mask[nc + 1] = 0;
      const nTerms = 2 * nc - 2;
      return tf.div(tf.sum(tf.mul(m, tf.tensor2d(mask, [2, nc]))), nTerms) as tf.Scalar;
    });
  }

  /**
   * `forward`: the loss, then the centre update (as the original, the centre used is the old one).
   * With a collective of world size > 1 the update is deferred: the batch sum is recorded and
   * {@link syncCenter} all-reduces it (the trainer's step is synchronous, collectives are not).
   */
  forward(studentOutput: tf.Tensor2D, teacherOutput: tf.Tensor2D, epoch: number): tf.Scalar {
    const loss = this.lossOnly(studentOutput, teacherOutput, epoch);
    this.updateCenter(teacherOutput);
    return loss;
  }

  /**
   * Data-parallel training: from now on {@link updateCenter} defers to {@link syncCenter}, which
   * all-reduces the teacher's batch statistic over `collective` (`undefined` or world size 1: local updates).
   */
  setCollective(collective: CenterCollective | undefined): void {
    if (this.pending.length) throw new Error(`DINOLoss: ${this.pending.length} centre update(s) pending; call syncCenter() before changing the collective`);
    this.collective = collective && collective.worldSize > 1 ? collective : undefined;
  }

  /** Centre updates recorded by {@link forward} and not yet applied by {@link syncCenter} (0 in one process). */
  get pendingCenterUpdates(): number {
    return this.pending.length;
  }

  /**
   * `update_center`: `c ← m·c + (1−m)·Σ teacher / rows`. In one process (no collective) it is applied
   * at once (the all-reduce is the identity); with a collective the batch sum is recorded for {@link syncCenter}.
   */
  updateCenter(teacherOutput: tf.Tensor2D): void {
    if (this.collective) {
      const K = this.config.outDim;
      const buf = new Float32Array(K + 1);
      if (teacherOutput.shape[1] !== K) throw new Error(`DINOLoss: teacher output has ${teacherOutput.shape[1]} columns, expected outDim=${K}`);
      const sum = tf.tidy(() => tf.sum(stopGradient(teacherOutput), 0));
      buf.set(sum.dataSync() as Float32Array);
      sum.dispose();
      buf[K] = teacherOutput.shape[0];
      this.pending.push(buf);
      return;
    }
    tf.tidy(() => this.applyBatchCenter(tf.div(tf.sum(stopGradient(teacherOutput), 0, true), teacherOutput.shape[0])));
  }

  /**
   * The deferred part of `update_center` across ranks: all-reduces the recorded batch sums and row
   * counts (one collective call for all of them) and applies the EMA with `Σ_ranks sum / Σ_ranks rows`
   * — the original's `all_reduce(batch_center) / (len(teacher_output) · world_size)` — once per
   * recorded forward, in order. Every rank must call it at the same point; a no-op when nothing is pending.
   */
  async syncCenter(): Promise<void> {
    const c = this.collective;
    if (!this.pending.length || !c) return;
    const bufs = this.pending;
    this.pending = [];
    await c.allReduceMean(bufs);
    const K = this.config.outDim;
    for (const b of bufs) {
      const rows = b[K]!;
      if (!(rows > 0)) throw new Error(`DINOLoss.syncCenter: all-reduced row count is ${rows}; every rank must run the same number of forwards`);
      tf.tidy(() => this.applyBatchCenter(tf.div(tf.tensor2d(b.subarray(0, K), [1, K]), rows)));
    }
  }

  private applyBatchCenter(batchCenter: tf.Tensor): void {
    const m = this.config.centerMomentum;
    this.center.assign(tf.add(tf.mul(this.center, m), tf.mul(batchCenter, 1 - m)));
  }

  /** Frees the centre. */
  dispose(): void {
    this.center.dispose();
  }
}
