import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readNpy, readStateDict, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import {
  DINOTrainingModule, VisionTransformer4K, dinoTrainingModuleFromReference, isDinoReferenceConfig, isVit4kReferenceConfig,
  runDinoReferenceStep, vit4kFromReference, loadTorchStateDict,
} from '@weatherlearn/dino';
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
 * The DINO family: backbone CLS (global/local crops), student/teacher head outputs, DINO loss,
 * centre update, gradients, and student/teacher weights after one full training iteration.
 * After-step weights are compared only where the clipped reference gradient is ≥ 1e-6 (README).
 */
export const dinoReferenceFamily: ReferenceFamily<DINOTrainingModule> = {
  description: 'DINO ViT + DINOHead, loss and one training step (facebookresearch/dino) — @weatherlearn/dino',
  detect: isDinoReferenceConfig,
  build: (config) => dinoTrainingModuleFromReference(config),
  async loadWeights(m, path) {
    const bytes = new Uint8Array(await readFile(path));
    loadTorchStateDict(m.student, bytes, { stripPrefixes: [], strict: true }, path);
    loadTorchStateDict(m.teacher, bytes, { stripPrefixes: [], strict: true }, path);
  },
  async run(m, dir, config: ReferenceConfig) {
    const r = runDinoReferenceStep(m, await npy(dir, 'input_global.npy'), await npy(dir, 'input_local.npy'));
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
    const norms = (config.grad_norms_before_clip ?? {}) as Record<string, number>;
    const clip = ((config.hyperparameters as Record<string, any>)?.train_step?.clip_grad as number | undefined) ?? 3;
    for (const [label, file, ours] of [['student_after', 'student_after.pt', r.studentAfter], ['teacher_after', 'teacher_after.pt', r.teacherAfter]] as const) {
      const ref = await pt(dir, file);
      const a: number[] = [];
      const e: number[] = [];
      for (const n of Object.keys(ref)) {
        const g = toFloat32(grads[n]!);
        const scale = Math.min(1, clip / ((norms[n] ?? 0) + 1e-6));
        const ev = toFloat32(ref[n]!);
        const av = ours[n] ? toFloat32(ours[n]!) : new Float32Array(ev.length).fill(NaN);
        for (let i = 0; i < ev.length; i++) if (Math.abs(g[i]! * scale) >= 1e-6) { a.push(av[i]!); e.push(ev[i]!); }
      }
      out.push({ name: `${label} (|grad| ≥ 1e-6)`, shape: [a.length], actual: Float32Array.from(a), expected: Float32Array.from(e) });
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
    loadTorchStateDict(m, new Uint8Array(await readFile(path)), { stripPrefixes: ['module.'], strict: true }, path);
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
