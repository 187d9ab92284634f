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

  /** `forward`: the loss, then the centre update (as the original, the centre used is the old one). */
  forward(studentOutput: tf.Tensor2D, teacherOutput: tf.Tensor2D, epoch: number): tf.Scalar {
    const loss = this.lossOnly(studentOutput, teacherOutput, epoch);
    this.updateCenter(teacherOutput);
    return loss;
  }

  /** `update_center`: `c ← m·c + (1−m)·Σ teacher / rows` (single process: the all-reduce is the identity). */
  updateCenter(teacherOutput: tf.Tensor2D): void {
    tf.tidy(() => {
      const batchCenter = tf.div(tf.sum(stopGradient(teacherOutput), 0, true), teacherOutput.shape[0]);
      const m = this.config.centerMomentum;
      this.center.assign(tf.add(tf.mul(this.center, m), tf.mul(batchCenter, 1 - m)));
    });
  }

  /** Frees the centre. */
  dispose(): void {
    this.center.dispose();
  }
}
