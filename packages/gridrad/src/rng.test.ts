import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Rng } from '@weatherlearn/engine/rng';
import { cropOffsetFor } from './rng.js';

test('cropOffsetFor is reproducible per (seed, key) and stays in range', () => {
  const a = cropOffsetFor(7, 'day1/a.nc', 2240, 2856, 2048);
  assert.deepEqual(cropOffsetFor(7, 'day1/a.nc', 2240, 2856, 2048), a);
  assert.ok(a.y >= 0 && a.y <= 192 && a.x >= 0 && a.x <= 808);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const o = cropOffsetFor(7, `f${i}.nc`, 2240, 2856, 2048);
    assert.ok(o.y >= 0 && o.y <= 192 && o.x >= 0 && o.x <= 808, JSON.stringify(o));
    seen.add(`${o.y},${o.x}`);
  }
  assert.ok(seen.size > 150, `offsets should differ between files (${seen.size} distinct)`);
  assert.notDeepEqual(cropOffsetFor(8, 'day1/a.nc', 2240, 2856, 2048), a);
});

test('cropOffsetFor covers both ends of the range and rejects crops that do not fit', () => {
  const ys = new Set<number>();
  for (let i = 0; i < 400; i++) ys.add(cropOffsetFor(1, `k${i}`, 10, 10, 8).y);
  assert.deepEqual([...ys].sort(), [0, 1, 2]);
  assert.deepEqual(cropOffsetFor(1, 'x', 8, 8, 8), { y: 0, x: 0 });
  assert.throws(() => cropOffsetFor(1, 'x', 8, 100, 9), /crop size 9 does not fit an image of 8×100/);
});

test('cropOffsetFor draws y then x from the shared Rng.fromKey(seed, key)', () => {
  for (const key of ['day1/a.nc', 'day2/b.nc', 'x']) {
    const r = Rng.fromKey(3, key);
    const y = r.int(0, 2240 - 2048), x = r.int(0, 2856 - 2048);
    assert.deepEqual(cropOffsetFor(3, key, 2240, 2856, 2048), { y, x });
  }
});

test('the worker module graph (worker → tasks → rng) does not load TensorFlow.js', () => {
  // A resolve hook reports every module URL; the engine's index would pull in @tensorflow/*.
  const hook = `export async function resolve(s, c, n) { const r = await n(s, c); if (/@tensorflow\\//.test(r.url)) process.stderr.write('TFJS ' + r.url + '\\n'); return r; }`;
  const reg = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const tasks = pathToFileURL(fileURLToPath(new URL('./tasks.ts', import.meta.url))).href;
  const args = ['--conditions=source', '--import', `data:text/javascript,${encodeURIComponent(reg)}`, '--import', 'tsx',
    '--input-type=module', '-e', `await import(${JSON.stringify(tasks)}); console.log('loaded');`];
  // Node's resolve hooks (module.register) observe the graph: run the check under Node whatever runs the tests.
  const node = 'Deno' in globalThis || process.versions.bun ? 'node' : process.execPath;
  const r = spawnSync(node, args, { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /loaded/);
  assert.doesNotMatch(r.stderr, /TFJS/, r.stderr);
});
