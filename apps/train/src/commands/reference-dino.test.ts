import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initEngine } from '@weatherlearn/engine';
import { referenceCheck } from './reference.js';
import { requirePart } from '@weatherlearn/testkit/require-part';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const ref = (name: string) => path.resolve(repoRoot, '..', 'shared', 'reference', name);
await initEngine({ backend: 'wasm' });

test('reference check: DINO backbone, head, loss, centre, grads and one training step', { skip: requirePart('shared', !existsSync(ref('dino')) && 'needs ../shared/reference/dino') }, async () => {
  const r = await referenceCheck(ref('dino'));
  assert.equal(r.family, 'dino');
  assert.ok(r.ok, JSON.stringify(r.comparisons));
  assert.equal(r.comparisons.length, 9);
});

test('reference check: HIPT ViT-4K output (vit2k family)', { skip: requirePart('shared', !existsSync(ref('hipt')) && 'needs ../shared/reference/hipt') }, async () => {
  const r = await referenceCheck(ref('hipt'));
  assert.equal(r.family, 'vit2k');
  assert.ok(r.ok, JSON.stringify(r.comparisons));
});
