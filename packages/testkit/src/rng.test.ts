import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from './rng.js';
import { Rng as EngineRng } from '@weatherlearn/engine/rng';
import { sharedDir, REPO_ROOT } from './tmp.js';
import { withTempDir } from '@weatherlearn/test-parts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

test('Rng is the shared engine generator (its own tests live in @weatherlearn/engine)', () => {
  assert.equal(Rng, EngineRng);
  const a = new Rng(42), b = new EngineRng(42);
  assert.deepEqual([a.uint32(), a.uint32()], [b.uint32(), b.uint32()]);
  assert.notEqual(new Rng(9).fork('file-a').uint32(), new Rng(9).fork('file-b').uint32());
});

test('temp dirs are removed and the repo root is found', async () => {
  const d = await withTempDir((dir) => dir);
  assert.equal(existsSync(d), false);
  assert.ok(existsSync(join(REPO_ROOT, 'package.json')));
  const s = sharedDir();
  if (s) assert.ok(existsSync(s));
});
