import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initEngine } from '@weatherlearn/engine';
import { readStateDict, toFloat32, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { requirePart } from '@weatherlearn/test-parts/require-part';
import { referenceCheck } from './reference.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const ref = (name: string) => path.resolve(repoRoot, '..', 'shared', 'reference', name);
const need = (name: string) => ({ skip: requirePart('shared', !existsSync(ref(name)) && `needs ../shared/reference/${name}`) });
await initEngine({ backend: 'wasm' });

/**
 * A copy of reference `name` (every file linked) where tensor `key` of `file` is moved, at the
 * element of that iteration's largest update (`file` minus `previous`), by 10 % of that update.
 */
function perturbed(name: string, file: string, previous: string, key: string): string {
  const src = ref(name);
  const dir = mkdtempSync(path.join(tmpdir(), `wl-${name}-`));
  for (const f of readdirSync(src)) if (f !== file) symlinkSync(path.join(src, f), path.join(dir, f));
  const sd = readStateDict(readFileSync(path.join(src, file)), file);
  const prev = readStateDict(readFileSync(path.join(src, previous)), previous);
  const now = toFloat32(sd[key]!), before = toFloat32(prev[key]!);
  let at = 0;
  for (let i = 0; i < now.length; i++) if (Math.abs(now[i]! - before[i]!) > Math.abs(now[at]! - before[at]!)) at = i;
  const data = Float32Array.from(now);
  data[at] = now[at]! + 0.1 * (now[at]! - before[at]!);
  const out: Record<string, Tensor> = { ...sd, [key]: { dtype: 'float32', shape: sd[key]!.shape, data } };
  writeFileSync(path.join(dir, file), writePt(out, { archiveName: file.replace(/\.pt$/, '') }));
  return dir;
}

test('reference check dino-train: six iterations of main_dino.py through `train dino`\'s module, AdamW and trainer', need('dino-train'), async () => {
  const r = await referenceCheck(ref('dino-train'));
  assert.equal(r.family, 'dino-train');
  const bad = r.comparisons.filter((c) => !c.ok);
  assert.deepEqual(bad, [], JSON.stringify(bad.slice(0, 5)));
  for (const k of [1, 2, 3, 4, 5, 6]) {
    assert.ok(r.comparisons.some((c) => c.name === `iter ${k} student.head.last_layer.weight_v`), `iteration ${k}: the last layer is compared`);
    assert.ok(r.comparisons.some((c) => c.name === `iter ${k} center`));
  }
});

test('reference check dino-train fails when one recorded tensor moves by 10 % of its iteration\'s update', need('dino-train'), async () => {
  // Iteration 3 is the first after the unfreeze: the last layer's first real step.
  const dir = perturbed('dino-train', 'student_3.pt', 'student_2.pt', 'head.last_layer.weight_v');
  const r = await referenceCheck(dir);
  assert.equal(r.ok, false);
  assert.deepEqual(r.comparisons.filter((c) => !c.ok).map((c) => c.name), ['iter 3 student.head.last_layer.weight_v']);
});

test('reference check pangu-train: upstream\'s loop (Adam with coupled L2, L1 loss) through `train pangu`\'s module and trainer', need('pangu-train'), async () => {
  const r = await referenceCheck(ref('pangu-train'));
  assert.equal(r.family, 'pangu-train');
  const bad = r.comparisons.filter((c) => !c.ok);
  assert.deepEqual(bad, [], JSON.stringify(bad.slice(0, 5)));
  assert.ok(r.comparisons.some((c) => c.name === 'grads 1 layer1.blocks.0.attn.earth_position_bias_table'));
  assert.ok(r.comparisons.some((c) => c.name === 'iter 3 layer3.blocks.1.attn.earth_position_bias_table'));
});

test('reference check pangu-train fails when one recorded tensor moves by 10 % of its iteration\'s update', need('pangu-train'), async () => {
  const dir = perturbed('pangu-train', 'weights_2.pt', 'weights_1.pt', 'layer2.blocks.0.mlp.fc1.weight');
  const r = await referenceCheck(dir);
  assert.equal(r.ok, false);
  assert.deepEqual(r.comparisons.filter((c) => !c.ok).map((c) => c.name), ['iter 2 layer2.blocks.0.mlp.fc1.weight']);
});
