import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedDir, REPO_ROOT } from './tmp.js';
import { withTempDir } from '@weatherlearn/test-parts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

test('temp dirs are removed and the repo root is found', async () => {
  const d = await withTempDir((dir) => dir);
  assert.equal(existsSync(d), false);
  assert.ok(existsSync(join(REPO_ROOT, 'package.json')));
  const s = sharedDir();
  if (s) assert.ok(existsSync(s));
});
