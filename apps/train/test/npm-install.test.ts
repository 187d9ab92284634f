// SLOW (about a minute; more with a cold npm cache): packs every @weatherlearn workspace the CLI
// needs with `npm pack`, installs the tarballs with `npm install -g` into a fresh prefix (our
// packages never come from the registry; third-party ones do), and runs the installed
// `weatherlearn` from an empty folder: env, inspect and a one-batch Pangu training run.
// Needs the workspaces built (`npm run build`). Under CI=true anything missing fails the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTensorFile } from '@weatherlearn/tensor-io';

const root = fileURLToPath(new URL('../../..', import.meta.url));
type Pkg = { name: string; private?: boolean; dependencies?: Record<string, string>; main?: string };
const workspaces = new Map<string, { dir: string; pkg: Pkg }>();
for (const base of ['packages', 'apps']) {
  for (const d of readdirSync(join(root, base))) {
    const file = join(root, base, d, 'package.json');
    if (existsSync(file)) { const pkg = JSON.parse(readFileSync(file, 'utf8')) as Pkg; workspaces.set(pkg.name, { dir: join(root, base, d), pkg }); }
  }
}

/** @weatherlearn/train and every workspace it depends on, transitively. */
function closure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const dep of Object.keys(workspaces.get(name)?.pkg.dependencies ?? {})) if (workspaces.has(dep)) closure(dep, seen);
  return seen;
}
const needed = [...closure('@weatherlearn/train')];

// A clean environment: nothing npm set for the test runner (prefix, workspace, …) leaks in.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && !/^WEATHERLEARN_/.test(k)));

function run(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...env, ...extra } });
}

function missing(): string | undefined {
  if (run('npm', ['--version'], root).status !== 0) return 'npm is not on PATH';
  const unbuilt = needed.filter((n) => !existsSync(join(workspaces.get(n)!.dir, 'dist', 'index.js')));
  if (unbuilt.length) return `not built: ${unbuilt.join(', ')} (run \`npm run build\`)`;
  return undefined;
}

test('npm pack + npm install -g: the installed weatherlearn runs env, inspect and train from an empty folder', { timeout: 900_000 }, async (t) => {
  const why = missing();
  if (why) {
    if (process.env.CI === 'true') assert.fail(`npm install test cannot run under CI=true: ${why}`);
    t.skip(why);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'wl-npm-install-'));
  try {
    const packs = join(tmp, 'packs'), prefix = join(tmp, 'prefix'), empty = join(tmp, 'empty');
    for (const d of [packs, empty]) mkdirSync(d);
    const pack = run('npm', ['pack', '--pack-destination', packs, ...needed.flatMap((n) => ['-w', n])], root);
    assert.equal(pack.status, 0, `npm pack failed:\n${pack.stderr}`);
    const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
    assert.equal(tarballs.length, needed.length, tarballs.join(' '));
    assert.ok(tarballs.every((f) => f.startsWith('weatherlearn-')), tarballs.join(' '));
    // Our packages only from the tarballs: every @weatherlearn dependency is satisfied by one of them.
    // A stalled registry connection must not hang the test: short fetch timeouts, more retries.
    const install = run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', '--fetch-timeout=60000', '--fetch-retries=5',
      ...tarballs.map((f) => join(packs, f))], tmp);
    assert.equal(install.status, 0, `npm install -g failed:\n${install.stderr}`);
    const bin = join(prefix, 'bin', 'weatherlearn');
    assert.ok(existsSync(bin), `no ${bin}`);
    const installed = join(prefix, 'lib', 'node_modules', '@weatherlearn');
    assert.ok(!existsSync(join(installed, 'train', 'src')), 'sources are not published');
    assert.ok(existsSync(join(installed, 'train', 'README.md')) && existsSync(join(installed, 'train', 'LICENSE')));

    const version = run(bin, ['--version'], empty);
    assert.equal(version.stdout.trim(), (workspaces.get('@weatherlearn/train')!.pkg as { version?: string }).version);
    const e = run(bin, ['env', '--json'], empty);
    assert.equal(e.status, 0, e.stderr);
    const report = JSON.parse(e.stdout) as { runtime: { name: string }; engine: { backend: string } };
    assert.equal(report.runtime.name, 'node');
    assert.ok(['wasm', 'cpu', 'torch', 'tensorflow'].includes(report.engine.backend), report.engine.backend);

    await writeTensorFile(join(empty, 'w.safetensors'), { weight: { dtype: 'float32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) } });
    const ins = run(bin, ['inspect', 'w.safetensors', '--json'], empty);
    assert.equal(ins.status, 0, ins.stderr);
    assert.match(ins.stdout, /"weight"/);
    assert.match(ins.stdout, /\[\s*2,\s*3\s*\]/);

    const train = run(bin, ['train', 'pangu', '--config', join(root, 'examples', 'pangu-tiny.json'), '--out', 'run', '--fast-dev-run'], empty);
    assert.equal(train.status, 0, `train failed:\n${train.stderr.slice(-3000)}`);
    assert.ok(readdirSync(join(empty, 'run')).length > 0, 'the run folder has files');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
