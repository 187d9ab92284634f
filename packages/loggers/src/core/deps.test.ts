import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = (name: string): { dependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../${name}/package.json`, import.meta.url)), 'utf8'));

test('loggers and hpc install without tensor-io or h5wasm (their atomic writes are local)', () => {
  for (const name of ['loggers', 'hpc']) {
    const deps = Object.keys(pkg(name).dependencies ?? {});
    assert.ok(!deps.includes('@weatherlearn/tensor-io') && !deps.includes('h5wasm'), `${name}: ${deps.join(', ')}`);
  }
});
