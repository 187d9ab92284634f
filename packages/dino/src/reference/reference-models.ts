import { tf } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import { toFloat32 } from '@weatherlearn/tensor-io';
import { VisionTransformer } from '../vit/vision-transformer.js';
import { VisionTransformer4K } from '../vit/vision-transformer-4k.js';
import { DINOTrainingModule } from '../dino/training-module.js';

type Json = Record<string, any>;

/** True when a reference `config.json` describes the DINO ViT + head (`../shared/reference/dino`). */
export function isDinoReferenceConfig(config: Json): boolean {
  return typeof config.model === 'string' && config.model.startsWith('DINO ViT');
}

/** True when a reference `config.json` describes a HIPT ViT-4K / GRIDRAD ViT-2K (`../shared/reference/hipt`). */
export function isVit4kReferenceConfig(config: Json): boolean {
  return typeof config.model === 'string' && /VisionTransformer4K|ViT-4K|ViT-2K/.test(config.model);
}

/**
 * A {@link DINOTrainingModule} configured from the DINO reference's `hyperparameters`: backbone,
 * head, loss, and one iteration at the recorded lr / weight decay / EMA momentum / epoch.
 */
export function dinoTrainingModuleFromReference(config: Json): DINOTrainingModule {
  const h = config.hyperparameters as Json;
  const head = h.head as Json;
  const loss = h.dino_loss as Json;
  const step = h.train_step as Json;
  const backbone = (dp: number) => new VisionTransformer({
    imgSize: h.img_size, patchSize: h.patch_size, inChans: h.in_chans, embedDim: h.embed_dim, depth: h.depth, numHeads: h.num_heads,
    mlpRatio: h.mlp_ratio, qkvBias: h.qkv_bias, eps: h.layer_norm_eps, dropPathRate: dp,
  });
  const epoch = step.epoch as number;
  const m = new DINOTrainingModule(backbone, {
    outDim: head.out_dim, normLastLayer: head.norm_last_layer_student, headHiddenDim: head.hidden_dim, headBottleneckDim: head.bottleneck_dim,
    headNlayers: head.nlayers, dropPathRate: h.drop_path_rate_student ?? 0, localCropsNumber: loss.ncrops - 2,
    warmupTeacherTemp: loss.warmup_teacher_temp, teacherTemp: loss.teacher_temp, warmupTeacherTempEpochs: loss.warmup_teacher_temp_epochs,
    epochs: loss.nepochs, studentTemp: loss.student_temp, centerMomentum: loss.center_momentum, itersPerEpoch: 1,
    clipGrad: step.clip_grad, freezeLastLayer: step.freeze_last_layer,
  });
  m.lrSchedule.fill(step.lr);
  m.wdSchedule.fill(step.weight_decay_group0);
  m.momentumSchedule.fill(step.momentum_teacher);
  m.iteration = epoch;
  return m;
}

/** Everything one reference DINO iteration produces, as float32 arrays. */
export interface DinoReferenceResult {
  clsGlobal: Float32Array;
  clsLocal: Float32Array;
  headStudent: Float32Array;
  headTeacher: Float32Array;
  loss: number;
  center: Float32Array;
  /** Gradients after backward, before clipping, by parameter name. */
  grads: Record<string, Float32Array>;
  studentAfter: Record<string, Tensor>;
  teacherAfter: Record<string, Tensor>;
}

const crop = (t: Tensor, i: number): tf.Tensor4D => {
  const [, ...s] = t.shape as [number, number, number, number, number];
  const n = s.reduce((a, b) => a * b, 1);
  return tf.tensor4d(toFloat32(t).slice(i * n, (i + 1) * n), s as [number, number, number, number]);
};

/**
 * Runs the reference iteration: forward of student/teacher on `[g0, g1, l0, …]` (from
 * `input_global` `[n, B, C, H, W]` and `input_local`), DINO loss and centre update, gradients,
 * per-parameter clipping, last-layer rule, AdamW step and teacher EMA.
 */
export function runDinoReferenceStep(m: DINOTrainingModule, inputGlobal: Tensor, inputLocal: Tensor): DinoReferenceResult {
  const crops = [
    ...Array.from({ length: inputGlobal.shape[0]! }, (_, i) => crop(inputGlobal, i)),
    ...Array.from({ length: inputLocal.shape[0]! }, (_, i) => crop(inputLocal, i)),
  ];
  const nG = inputGlobal.shape[0]!;
  const data = (t: tf.Tensor) => {
    const d = new Float32Array(t.dataSync() as Float32Array);
    t.dispose();
    return d;
  };
  const clsGlobal = data(tf.tidy(() => tf.concat(crops.slice(0, nG).map((c) => m.student.backbone.forward(c)))));
  const clsLocal = data(tf.tidy(() => tf.concat(crops.slice(nG).map((c) => m.student.backbone.forward(c)))));
  const headStudent = data(m.student.forward(crops));
  const headTeacher = data(m.teacher.forward(crops.slice(0, 2)));
  const params = m.parameters();
  const { optimizer } = m.configureOptimizers();
  const { value, grads } = tf.variableGrads(() => m.trainingStep({ crops }).loss, params.map((p) => p.variable));
  const loss = data(value)[0]!;
  const byName: Record<string, tf.Tensor | undefined> = {};
  const rawGrads: Record<string, Float32Array> = {};
  for (const p of params) {
    byName[p.name] = grads[p.variable.name];
    rawGrads[p.name] = new Float32Array(grads[p.variable.name]!.dataSync() as Float32Array);
  }
  const center = new Float32Array(m.dinoLoss.center.dataSync() as Float32Array);
  const final = m.onBeforeOptimizerStep(byName);
  optimizer.step(final);
  tf.dispose(Object.values(final).filter((g): g is tf.Tensor => !!g));
  m.onAfterOptimizerStep();
  tf.dispose(crops);
  return { clsGlobal, clsLocal, headStudent, headTeacher, loss, center, grads: rawGrads, studentAfter: m.student.stateDict(), teacherAfter: m.teacher.stateDict() };
}

/** A {@link VisionTransformer4K} from the HIPT reference's `hyperparameters`. */
export function vit4kFromReference(config: Json): VisionTransformer4K {
  const h = config.hyperparameters as Json;
  const grid = (h.pos_grid as number[] | undefined)?.[0] ?? Math.floor(h.img_size / 16);
  return new VisionTransformer4K({
    inputEmbedDim: h.input_embed_dim, outputEmbedDim: h.output_embed_dim, depth: h.depth, numHeads: h.num_heads,
    mlpRatio: h.mlp_ratio, qkvBias: h.qkv_bias, eps: h.layer_norm_eps, posGrid: grid, dropPathRate: 0,
  }).eval();
}
