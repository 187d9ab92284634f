// Smoke test of the built CLI under Bun and Deno (both installed from npm as devDependencies):
// `weatherlearn env --check` must pick a backend and compute a matMul on every runtime.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const app = fileURLToPath(new URL('..', import.meta.url));
const root = join(app, '..', '..');
const cli = join(app, 'dist', 'cli.js');
const built = existsSync(cli);

const runtimes: [string, string[]][] = [
  ['node', [process.execPath, cli]],
  ['bun', [join(root, 'node_modules', '.bin', 'bun'), cli]],
  ['deno', [join(root, 'node_modules', '.bin', 'deno'), 'run', '-A', cli]],
];

for (const [name, [bin, ...args]] of runtimes) {
  const missing = !built ? 'the CLI is not built (run `npm run build`)' : !existsSync(bin!) ? `${name} is not installed` : false;
  test(`weatherlearn env --check runs under ${name}`, { skip: missing }, () => {
    const r = spawnSync(bin!, [...args, 'env', '--json', '--check'], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, `${name} failed:\n${r.stderr}`);
    const report = JSON.parse(r.stdout);
    assert.equal(report.runtime.name, name);
    assert.ok(['torch', 'wasm', 'cpu', 'tensorflow'].includes(report.engine.backend), report.engine.backend);
    assert.deepEqual(report.check.matMul, [19, 22, 43, 50]);
  });
}
