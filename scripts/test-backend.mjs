#!/usr/bin/env node
// Runs packages' test suites on another TensorFlow.js backend without editing them:
//   node scripts/test-backend.mjs [--backend torch] [--replaces wasm,cpu] [--threads 1] [packages/pangu apps/train …]
// (default: every package and app with tests). Each package runs through scripts/run-tests.mjs with
// NODE_OPTIONS importing packages/tfjs-backend-torch/test/use-backend.ts, which makes the engine's
// `wasm` candidate (and `auto`) load the torch backend. Prints pass/fail/skipped per package and the
// kernels that ran on the cpu fallback; the packages' own test-results.json are left as they were.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); if (i < 0) return dflt; const v = args[i + 1]; args.splice(i, 2); return v; };
const backend = opt('backend', 'torch');
const replaces = opt('replaces', 'wasm');
const threads = opt('threads', '1');
if (args.some((a) => a.startsWith('--'))) { console.error(`test-backend: unknown option ${args.find((a) => a.startsWith('--'))}`); process.exit(2); }
if (backend !== 'torch') { console.error(`test-backend: --backend must be torch, got "${backend}"`); process.exit(2); }
const hook = join(root, 'packages/tfjs-backend-torch/test/use-backend.ts');
// Absolute, so that child processes started in other folders (CLI tests, SLURM jobs) find tsx too.
const tsx = import.meta.resolve('tsx');

let dirs = args.map((a) => join(root, a));
if (dirs.length === 0) {
  for (const base of ['packages', 'apps']) for (const p of readdirSync(join(root, base)).sort()) dirs.push(join(root, base, p));
}
dirs = dirs.filter((d) => existsSync(join(d, 'package.json')));

const fallbackLog = join(tmpdir(), `wl-fallback-${process.pid}.jsonl`);
const rows = [];
for (const dir of dirs) {
  const rel = relative(root, dir);
  const results = join(dir, 'test-results.json');
  const saved = existsSync(results) ? readFileSync(results) : undefined;
  rmSync(fallbackLog, { force: true });
  const t0 = Date.now();
  process.stderr.write(`test-backend: ${rel} on ${backend} …\n`);
  const env = {
    ...process.env, WLTEST_BACKEND: backend, WLTEST_REPLACES: replaces, WLTEST_THREADS: threads,
    WLTEST_FALLBACK_LOG: fallbackLog,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=source --import=${tsx} --import=${hook}`.trim(),
  };
  const r = spawnSync(process.execPath, [join(root, 'scripts/run-tests.mjs')], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 << 20 });
  let counts = { pass: 0, fail: 0, skipped: 0 };
  try { counts = JSON.parse(readFileSync(results, 'utf8')); } catch { counts.fail = 1; }
  if (saved) { writeFileSync(`${results}.tmp`, saved); renameSync(`${results}.tmp`, results); }
  const failed = [...(r.stdout ?? '').matchAll(/^not ok \d+ - (.*)$/gm)].map((m) => m[1]);
  const fallbacks = {};
  if (existsSync(fallbackLog)) {
    for (const line of readFileSync(fallbackLog, 'utf8').split('\n').filter(Boolean)) {
      for (const [k, n] of Object.entries(JSON.parse(line).calls)) fallbacks[k] = (fallbacks[k] ?? 0) + n;
    }
  }
  rows.push({ pkg: rel, ...counts, seconds: (Date.now() - t0) / 1000, failed, fallbacks });
  if (r.status !== 0 && counts.fail === 0) process.stderr.write(`${(r.stderr ?? '').slice(-2000)}\n`);
}
rmSync(fallbackLog, { force: true });

console.log(`\n${'package'.padEnd(28)} ${'pass'.padStart(5)} ${'fail'.padStart(5)} ${'skip'.padStart(5)} ${'s'.padStart(7)}  cpu-fallback kernels`);
for (const r of rows) {
  const fb = Object.entries(r.fallbacks).map(([k, n]) => `${k}×${n}`).join(' ');
  console.log(`${r.pkg.padEnd(28)} ${String(r.pass).padStart(5)} ${String(r.fail).padStart(5)} ${String(r.skipped).padStart(5)} ${r.seconds.toFixed(1).padStart(7)}  ${fb}`);
  for (const f of r.failed) console.log(`  not ok: ${f}`);
}
const total = rows.reduce((a, r) => ({ pass: a.pass + r.pass, fail: a.fail + r.fail, skipped: a.skipped + r.skipped }), { pass: 0, fail: 0, skipped: 0 });
console.log(`${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped (backend ${backend} in place of ${replaces})`);
process.exit(total.fail ? 1 : 0);
