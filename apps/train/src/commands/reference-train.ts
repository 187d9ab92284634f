/**
 * The training-loop reference families (`../shared/reference/dino-train`, `pangu-train`): the
 * recorded iterations of the originals' own loops, replayed through exactly what `weatherlearn train`
 * runs — the app config (same keys, same per-model defaults), `makeDinoTrainingModule` /
 * `makePanguTrainingModule`, the engine's AdamW/Adam, the trainer's clipping and fit loop — and
 * compared after every iteration with the per-tensor tolerances of the reference's config.json.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '@weatherlearn/engine';
import { readStateDict, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { VisionTransformer, loadPretrainedWeights, type DINOBatch, type DINOTrainingModule } from '@weatherlearn/dino';
import { Pangu, loadTorchStateDict as loadPanguStateDict, type PanguBatch } from '@weatherlearn/pangu';
import { Trainer, type DataLoader, type TrainingModule } from '@weatherlearn/trainer';
import { makeDinoTrainingModule } from '../runs/dino.js';
import { makePanguTrainingModule } from '../runs/pangu.js';
import { trainerOptions } from '../runs/run-training.js';
import type { ReferenceConfig, ReferenceFamily, ReferenceOutput } from './reference.js';
import { dinoTrainConfig, panguTrainConfig, panguTrainModelConfig, type Json } from './reference-train-config.js';
import { readReferenceArray } from './reference.js';

async function pt(dir: string, file: string): Promise<Record<string, Tensor>> {
  const p = join(dir, file);
  return readStateDict(new Uint8Array(await readFile(p)), p);
}

/** Tolerance table of iteration `k` (1-based) from `config.tolerance.per_iteration`. */
function tolerances(config: ReferenceConfig, k: number): Record<string, number> {
  const t = (config.tolerance as Json | undefined)?.per_iteration as Record<string, number>[] | undefined;
  if (!t?.[k - 1]) throw new Error(`config.json: tolerance.per_iteration[${k - 1}] missing`);
  return t[k - 1]!;
}

/** One output per compared tensor, with the reference's own absolute tolerance as `limit`. */
function compareDicts(label: string, ours: Record<string, Tensor>, ref: Record<string, Tensor>, tol: Record<string, number>, prefix: string): ReferenceOutput[] {
  const out: ReferenceOutput[] = [];
  for (const [name, r] of Object.entries(ref)) {
    const limit = tol[prefix + name];
    if (limit === undefined) continue;
    const o = ours[name];
    if (!o) throw new Error(`${label}: our state has no tensor "${name}"`);
    out.push({ name: `${label} ${prefix}${name}`, shape: r.shape, actual: toFloat32(o), expected: toFloat32(r), limit });
  }
  return out;
}

/** Runs `module` through a fresh {@link Trainer} on `loader`, calling `after(k)` after optimizer step k (1-based). */
async function fitAndObserve<B>(module: TrainingModule<B>, loader: DataLoader<B>, cfg: Parameters<typeof trainerOptions>[0], after: (k: number) => void): Promise<void> {
  const trainer = new Trainer(trainerOptions(cfg, '', false), { listener: (e) => { if (e.type === 'step') after(e.step); } });
  await trainer.fit(module, loader);
}

/** `dino-train`: six iterations of `main_dino.py`'s loop across the last-layer unfreeze. */
export const dinoTrainReferenceFamily: ReferenceFamily<DINOTrainingModule> = {
  description: 'DINO training loop, 6 iterations across the last-layer unfreeze (facebookresearch/dino main_dino.py) — weatherlearn train dino',
  detect: (c) => c.family === 'dino-train',
  build(config) {
    const h = config.hyperparameters as Json;
    const cfg = dinoTrainConfig(h);
    const vit = (dpr: number) => Object.assign(new VisionTransformer({
      imgSize: h.img_size, patchSize: h.patch_size, inChans: h.in_chans, embedDim: h.embed_dim, depth: h.depth, numHeads: h.num_heads,
      mlpRatio: h.mlp_ratio, qkvBias: h.qkv_bias, eps: h.layer_norm_eps, dropPathRate: dpr, seed: cfg.seed,
    }), { numFeatures: h.embed_dim as number });
    return makeDinoTrainingModule(cfg, vit, h.iters_per_epoch);
  },
  async loadWeights(m, path) {
    const bytes = new Uint8Array(await readFile(path));
    loadPretrainedWeights(m.student, bytes, { stripPrefixes: [], strict: true }, path);
    loadPretrainedWeights(m.teacher, bytes, { stripPrefixes: [], strict: true }, path);
  },
  async run(m, dir, config) {
    const h = config.hyperparameters as Json;
    const cfg = dinoTrainConfig(h);
    const crops = async (k: number): Promise<tf.Tensor4D[]> => {
      const views: tf.Tensor4D[] = [];
      for (const kind of ['global', 'local']) {
        const a = await readReferenceArray(dir, `crops_${kind}_${k}.npy`);
        const [n, ...s] = a.shape as [number, number, number, number, number];
        const size = s.reduce((x, y) => x * y, 1);
        for (let i = 0; i < n; i++) views.push(tf.tensor4d(a.data.subarray(i * size, (i + 1) * size), s));
      }
      return views;
    };
    const loader: DataLoader<DINOBatch> = { length: h.iters_per_epoch, batch: async (i, epoch) => ({ crops: await crops(epoch * h.iters_per_epoch + i + 1) }) };
    const states: { k: number; student: Record<string, Tensor>; teacher: Record<string, Tensor>; center: Float32Array }[] = [];
    await fitAndObserve(m, loader, cfg, (k) => {
      states.push({ k, student: m.student.stateDict(), teacher: m.teacher.stateDict(), center: new Float32Array(m.dinoLoss.center.dataSync() as Float32Array) });
    });
    const out: ReferenceOutput[] = [];
    for (const s of states) {
      const tol = tolerances(config, s.k);
      out.push(...compareDicts(`iter ${s.k}`, s.student, await pt(dir, `student_${s.k}.pt`), tol, 'student.'));
      out.push(...compareDicts(`iter ${s.k}`, s.teacher, await pt(dir, `teacher_${s.k}.pt`), tol, 'teacher.'));
      const c = await readReferenceArray(dir, `center_${s.k}.npy`);
      out.push({ name: `iter ${s.k} center`, shape: c.shape, actual: s.center, expected: c.data, limit: tol.center ?? 2e-6 });
    }
    if (states.length !== h.epochs * h.iters_per_epoch) throw new Error(`dino-train: the trainer ran ${states.length} iterations, the reference has ${h.epochs * h.iters_per_epoch}`);
    return out;
  },
  dispose: (m) => m.dispose(),
};

/** `pangu-train`: three iterations of upstream `examples/pangu_lite/train.py` (coupled-L2 Adam, L1 loss). */
export const panguTrainReferenceFamily: ReferenceFamily<Pangu> = {
  description: 'Pangu training loop, 3 iterations of lizhuoq/WeatherLearn examples/pangu_lite/train.py — weatherlearn train pangu',
  detect: (c) => c.family === 'pangu-train',
  build: (config) => new Pangu(panguTrainModelConfig(config.hyperparameters as Json)),
  loadWeights: async (model, path) => { await loadPanguStateDict(model, path, { strict: false }); },
  async run(model, dir, config) {
    const h = config.hyperparameters as Json;
    const cfg = panguTrainConfig(h);
    const module = makePanguTrainingModule(cfg, model, h.iters);
    let grads1: Record<string, Float32Array> | undefined;
    // Observe iteration 1's gradients where the trainer hands them to the module (after clipping, which is off here).
    const observed = Object.create(module) as typeof module & { onBeforeOptimizerStep: NonNullable<TrainingModule['onBeforeOptimizerStep']> };
    observed.onBeforeOptimizerStep = (g, step) => {
      if (step === 0) grads1 = Object.fromEntries(Object.entries(g).map(([k, v]) => [k, new Float32Array(v.dataSync() as Float32Array)]));
      return g;
    };
    const mask = await readReferenceArray(dir, 'input_surface_mask.npy');
    const t = async (f: string) => { const a = await readReferenceArray(dir, f); return tf.tensor(a.data, a.shape); };
    const loader: DataLoader<PanguBatch> = {
      length: h.iters,
      batch: async (i) => ({
        input: { surface: (await t(`input_surface_${i + 1}.npy`)) as tf.Tensor4D, surfaceMask: tf.tensor3d(mask.data, mask.shape as [number, number, number]), upper: (await t(`input_upper_${i + 1}.npy`)) as tf.Tensor5D },
        target: { surface: (await t(`target_surface_${i + 1}.npy`)) as tf.Tensor4D, upper: (await t(`target_upper_${i + 1}.npy`)) as tf.Tensor5D },
      }),
    };
    const after: Record<string, Float32Array>[] = [];
    try {
      await fitAndObserve(observed, loader, cfg, () => { after.push(snapshot(model)); });
    } finally {
      module.dispose();
    }
    const out: ReferenceOutput[] = [];
    const gtol = (config.tolerance as Json).grads_1 as Record<string, number>;
    if (!grads1) throw new Error('pangu-train: the trainer never reached the optimizer step');
    out.push(...compareDicts('grads 1', torchLayoutDict(model, grads1), await pt(dir, 'grads_1.pt'), gtol, ''));
    for (const [i, values] of after.entries()) out.push(...compareDicts(`iter ${i + 1}`, torchLayoutDict(model, values), await pt(dir, `weights_${i + 1}.pt`), tolerances(config, i + 1), ''));
    return out;
  },
  dispose: (model) => model.dispose(),
};

/** Every parameter's current values, read synchronously between two optimizer steps. */
function snapshot(model: Pangu): Record<string, Float32Array> {
  return Object.fromEntries(model.entries.map((e) => [e.key, new Float32Array(e.variable!.dataSync() as Float32Array)]));
}

/** Values keyed by parameter name as a state dict (Pangu keeps every parameter in PyTorch's layout). */
function torchLayoutDict(model: Pangu, values: Record<string, Float32Array>): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const e of model.entries) {
    const v = values[e.key];
    if (v) out[e.key] = { dtype: 'float32', shape: [...e.shape], data: v };
  }
  return out;
}
