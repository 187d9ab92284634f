/**
 * The two halves of the DINO reference iteration: what one forward/backward computes (outputs,
 * loss, centre, raw gradients — read off a module without stepping it) and the optimizer step as
 * `weatherlearn train dino` takes it: through the {@link Trainer} with DINO's per-parameter clipping.
 */
import { tf } from '@weatherlearn/engine';
import { toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import type { DINOBatch, DINOTrainingModule } from '@weatherlearn/dino';
import { Trainer } from '@weatherlearn/trainer';

/** What one DINO forward/backward of the reference computes, as float32 arrays. */
export interface DinoForwardResult {
  clsGlobal: Float32Array;
  clsLocal: Float32Array;
  headStudent: Float32Array;
  headTeacher: Float32Array;
  loss: number;
  /** The centre after this iteration's update. */
  center: Float32Array;
  /** Gradients after backward, before clipping, by parameter name. */
  grads: Record<string, Float32Array>;
}

/** `[g0, g1, l0, …]` from `input_global` `[n, B, C, H, W]` and `input_local`. */
export function dinoReferenceCrops(global: Tensor, local: Tensor): tf.Tensor4D[] {
  const split = (t: Tensor) => {
    const [n, ...s] = t.shape as [number, number, number, number, number];
    const size = s.reduce((a, b) => a * b, 1);
    const d = toFloat32(t);
    return Array.from({ length: n }, (_, i) => tf.tensor4d(d.slice(i * size, (i + 1) * size), s));
  };
  return [...split(global), ...split(local)];
}

const take = (t: tf.Tensor): Float32Array => {
  const d = new Float32Array(t.dataSync() as Float32Array);
  t.dispose();
  return d;
};

/** Backbone CLS and head outputs, then `trainingStep`'s loss and gradients (updates `m`'s centre, never its weights). */
export function dinoForwardAndGrads(m: DINOTrainingModule, crops: tf.Tensor4D[]): DinoForwardResult {
  const clsGlobal = take(tf.tidy(() => tf.concat(crops.slice(0, 2).map((c) => m.student.backbone.forward(c)))));
  const clsLocal = take(tf.tidy(() => tf.concat(crops.slice(2).map((c) => m.student.backbone.forward(c)))));
  const headStudent = take(m.student.forward(crops));
  const headTeacher = take(m.teacher.forward(crops.slice(0, 2)));
  const params = m.parameters();
  const { value, grads } = tf.variableGrads(() => m.trainingStep({ crops }).loss, params.map((p) => p.variable));
  const loss = take(value)[0]!;
  const byName: Record<string, Float32Array> = {};
  for (const p of params) byName[p.name] = take(grads[p.variable.name]!);
  return { clsGlobal, clsLocal, headStudent, headTeacher, loss, center: new Float32Array(m.dinoLoss.center.dataSync() as Float32Array), grads: byName };
}

/** One iteration of `m` on `crops` through the trainer (clipping per parameter at `clip`); the weights after it. */
export async function dinoTrainerStep(m: DINOTrainingModule, crops: tf.Tensor4D[], clip: number): Promise<{ student: Record<string, Tensor>; teacher: Record<string, Tensor> }> {
  const trainer = new Trainer({ maxEpochs: 1, maxSteps: 1, gradientClipVal: clip, gradientClipAlgorithm: 'per-parameter', checkpoint: { dir: '' } });
  // The trainer disposes every batch it used: hand it clones.
  await trainer.fit(m, { length: 1, batch: (): DINOBatch => ({ crops: crops.map((c) => tf.clone(c)) }) });
  return { student: m.student.stateDict(), teacher: m.teacher.stateDict() };
}
