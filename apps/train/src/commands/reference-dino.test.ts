import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initEngine } from '@weatherlearn/engine';
import { readStateDict, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { requirePart } from '@weatherlearn/test-parts/require-part';
import { compareOutput, referenceCheck } from './reference.js';
import { compareUpdates } from './reference-dino.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const ref = (name: string) => path.resolve(repoRoot, '..', 'shared', 'reference', name);
const need = (name: string) => ({ skip: requirePart('shared', !existsSync(ref(name)) && `needs ../shared/reference/${name}`) });
await initEngine({ backend: 'wasm' });

test('reference check: DINO backbone, head, loss, centre, grads, and one training step through the trainer (as updates)', need('dino'), async () => {
  const r = await referenceCheck(ref('dino'));
  assert.equal(r.family, 'dino');
  assert.ok(r.ok, JSON.stringify(r.comparisons.filter((c) => !c.ok)));
  assert.ok(r.comparisons.some((c) => c.name === 'teacher_after.head.last_layer.weight_v'));
  assert.ok(r.comparisons.filter((c) => c.name.startsWith('student_after.')).length >= 30);
});

test('the update comparison catches a missing EMA, missing weight decay and decay on biases and norms', need('dino'), () => {
  const dir = ref('dino');
  const pt = (f: string) => readStateDict(readFileSync(path.join(dir, f)), f);
  const cfg = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'));
  const { lr, weight_decay_group0: wd } = cfg.hyperparameters.train_step as { lr: number; weight_decay_group0: number };
  const before = pt('weights.pt'), student = pt('student_after.pt'), teacher = pt('teacher_after.pt');
  const all = () => true;
  const fails = (label: string, ours: Record<string, Tensor>, refAfter: Record<string, Tensor>) =>
    compareUpdates(label, before, ours, refAfter, all).map((o) => compareOutput(o, 1e-4)).some((c) => !c.ok);
  const map = (sd: Record<string, Tensor>, f: (name: string, w: number, b: number) => number) => Object.fromEntries(Object.entries(sd).map(([k, t]) => {
    const w = toFloat32(t), b = toFloat32(before[k]!);
    return [k, { dtype: 'float32' as const, shape: t.shape, data: w.map((x, i) => f(k, x, b[i]!)) }];
  }));
  const regularized = (k: string) => !k.endsWith('.bias') && before[k]!.shape.length > 1;
  assert.equal(fails('exact', student, student), false, 'the reference itself passes');
  assert.equal(fails('no EMA', before, teacher), true, 'a teacher that did not move fails');
  assert.equal(fails('no decay', map(student, (k, w, b) => (regularized(k) ? w + lr * wd * b : w)), student), true, 'no weight decay fails');
  assert.equal(fails('decay everywhere', map(student, (k, w, b) => (regularized(k) ? w : w - lr * wd * b)), student), true, 'decaying biases and norms fails');
});

test('reference check: HIPT ViT-4K output (vit2k family)', need('hipt'), async () => {
  const r = await referenceCheck(ref('hipt'));
  assert.equal(r.family, 'vit2k');
  assert.ok(r.ok, JSON.stringify(r.comparisons));
});
