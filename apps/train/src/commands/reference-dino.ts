import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readNpy, readStateDict, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { DINOTrainingModule, VisionTransformer4K, loadPretrainedWeights } from '@weatherlearn/dino';
import { dinoTrainingModuleFromReference, isDinoReferenceConfig, isVit4kReferenceConfig, vit4kFromReference } from '@weatherlearn/dino/reference';
import { dinoForwardAndGrads, dinoReferenceCrops, dinoTrainerStep } from './reference-dino-step.js';
import { tf } from '@weatherlearn/engine';
import type { ReferenceFamily, ReferenceOutput, ReferenceConfig } from './reference.js';

async function npy(dir: string, file: string): Promise<Tensor> {
  const p = join(dir, file);
  return readNpy(new Uint8Array(await readFile(p)), p);
}

async function pt(dir: string, file: string): Promise<Record<string, Tensor>> {
  const p = join(dir, file);
  return readStateDict(new Uint8Array(await readFile(p)), p);
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/**
 * Per-tensor update comparisons: our `after − before` against the reference's, where the clipped
 * reference gradient is not rounding noise (README: |g| ≥ 1e-6). The limit is 1 % of the tensor's
 * largest reference update plus 2 float32 ulps of its largest weight, so a missing EMA, missing
 * weight decay or decay on biases and norms each fail (see reference-dino.test.ts).
 */
export function compareUpdates(label: string, before: Record<string, Tensor>, ours: Record<string, Tensor>, ref: Record<string, Tensor>, mask: (name: string, i: number) => boolean): ReferenceOutput[] {
  const out: ReferenceOutput[] = [];
  for (const name of Object.keys(ref)) {
    const b = toFloat32(before[name]!), r = toFloat32(ref[name]!);
    const o = ours[name] ? toFloat32(ours[name]!) : new Float32Array(r.length).fill(NaN);
    const a: number[] = [], e: number[] = [];
    let maxUpd = 0, maxW = 0;
    for (let i = 0; i < r.length; i++) {
      maxW = Math.max(maxW, Math.abs(r[i]!));
      if (!mask(name, i)) continue;
      a.push(o[i]! - b[i]!);
      e.push(r[i]! - b[i]!);
      maxUpd = Math.max(maxUpd, Math.abs(r[i]! - b[i]!));
    }
    if (!a.length) continue;
    out.push({ name: `${label}.${name}`, shape: [a.length], actual: Float32Array.from(a), expected: Float32Array.from(e), limit: 1e-2 * maxUpd + 2 * 1.1920929e-7 * maxW });
  }
  return out;
}

/**
 * The DINO family: backbone CLS (global/local crops), student/teacher head outputs, DINO loss,
 * centre update and gradients of one iteration; then the same iteration through the trainer
 * (`weatherlearn train`'s fit loop: per-parameter clipping, last-layer rule, AdamW, teacher EMA),
 * compared as updates `after − before` (see {@link compareUpdates}).
 */
export const dinoReferenceFamily: ReferenceFamily<DINOTrainingModule> = {
  description: 'DINO ViT + DINOHead, loss and one training step through the trainer (facebookresearch/dino) — @weatherlearn/dino',
  detect: isDinoReferenceConfig,
  build: (config) => dinoTrainingModuleFromReference(config),
  async loadWeights(m, path) {
    const bytes = new Uint8Array(await readFile(path));
    loadPretrainedWeights(m.student, bytes, { stripPrefixes: [], strict: true }, path);
    loadPretrainedWeights(m.teacher, bytes, { stripPrefixes: [], strict: true }, path);
  },
  async run(m, dir, config: ReferenceConfig) {
    const crops = dinoReferenceCrops(await npy(dir, 'input_global.npy'), await npy(dir, 'input_local.npy'));
    const r = dinoForwardAndGrads(m, crops);
    const out: ReferenceOutput[] = [];
    const add = async (name: string, actual: Float32Array, file: string) => {
      const t = await npy(dir, file);
      out.push({ name, shape: t.shape, actual, expected: toFloat32(t) });
    };
    await add('output_cls_global', r.clsGlobal, 'output_cls_global.npy');
    await add('output_cls_local', r.clsLocal, 'output_cls_local.npy');
    await add('output_head_student', r.headStudent, 'output_head_student.npy');
    await add('output_head_teacher', r.headTeacher, 'output_head_teacher.npy');
    const losses = config.losses as Record<string, number> | undefined;
    if (typeof losses?.loss_train_step === 'number') out.push({ name: 'loss', shape: [], actual: Float32Array.of(r.loss), expected: Float32Array.of(losses.loss_train_step) });
    await add('center_after_train_step', r.center, 'center_after_train_step.npy');
    const grads = await pt(dir, 'student_grads.pt');
    const names = Object.keys(grads);
    out.push({ name: 'student_grads', shape: [], actual: concat(names.map((n) => r.grads[n] ?? new Float32Array(0))), expected: concat(names.map((n) => toFloat32(grads[n]!))) });
    // The training step itself, through the trainer, on a fresh module with the same weights.
    const h = config.hyperparameters as Record<string, any>;
    const before = await pt(dir, 'weights.pt');
    const fresh = dinoTrainingModuleFromReference(config);
    try {
      await this.loadWeights(fresh, join(dir, 'weights.pt'));
      const after = await dinoTrainerStep(fresh, crops, h.train_step.clip_grad as number);
      const norms = (config.grad_norms_before_clip ?? {}) as Record<string, number>;
      const clip = h.train_step.clip_grad as number;
      const mask = (n: string, i: number) => Math.abs(toFloat32(grads[n]!)[i]! * Math.min(1, clip / ((norms[n] ?? 0) + 1e-6))) >= 1e-6;
      out.push(...compareUpdates('student_after', before, after.student, await pt(dir, 'student_after.pt'), mask));
      out.push(...compareUpdates('teacher_after', before, after.teacher, await pt(dir, 'teacher_after.pt'), mask));
    } finally {
      fresh.dispose();
      tf.dispose(crops);
    }
    return out;
  },
  dispose: (m) => m.dispose(),
};

/** The HIPT ViT-4K / GRIDRAD ViT-2K family: `model(x)` on a `[B, 384, W, H]` token grid → CLS. */
export const vit2kReferenceFamily: ReferenceFamily<VisionTransformer4K> = {
  description: 'HIPT VisionTransformer4K / vit2k_xs (mahmoodlab/HIPT) — @weatherlearn/dino',
  detect: isVit4kReferenceConfig,
  build: (config) => vit4kFromReference(config),
  async loadWeights(m, path) {
    loadPretrainedWeights(m, new Uint8Array(await readFile(path)), { stripPrefixes: ['module.'], strict: true }, path);
  },
  async run(m, dir) {
    const x = await npy(dir, 'input.npy');
    const y = tf.tidy(() => m.forward(tf.tensor4d(toFloat32(x), x.shape as [number, number, number, number])));
    const actual = new Float32Array(y.dataSync() as Float32Array);
    y.dispose();
    const exp = await npy(dir, 'output.npy');
    return [{ name: 'output', shape: exp.shape, actual, expected: toFloat32(exp) }];
  },
  dispose: (m) => m.dispose(),
};
