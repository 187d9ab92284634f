#!/usr/bin/env node
// Runs the library packages' test suites under Bun, Deno and Node 22 (the node:test files as they
// are: `bun test` and `deno test` both run node:test tests; Node 22 runs them through tsx like
// `npm test` does on Node 20), one package at a time, and prints one
// `<runtime>: N passed, N failed, N skipped` line per runtime. Exit status 1 when a test fails,
// when a runtime is missing or when a runtime ran no test at all.
//
//   node scripts/test-runtimes.mjs                     # every runtime, every package below
//   node scripts/test-runtimes.mjs --runtime bun --package tensor-io
//   node scripts/test-runtimes.mjs --runtime node22
//
// Test files that cannot run under a runtime are listed in EXCLUDED with the reason; every other
// test file of the packages must pass. Bun and Deno come from the root devDependencies; Node 22
// (NODE22_VERSION in scripts/node-runtime.mjs) is packed from the npm registry into `.node22/`
// (ignored) on first use and reused while it reports that version.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { countTap } from './tap-counts.mjs';
import { ensureNode, NODE22_VERSION } from './node-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The library packages whose suites run under every runtime (issue 19 item 8). */
export const PACKAGES = ['fs-atomic', 'tensor-io', 'hpc', 'loggers', 'superdarn', 'gridrad', 'viz'];

/**
 * Test files (relative to the package) a runtime cannot run, with the reason. Keep this short:
 * a file belongs here only when the runtime lacks something the test needs, not when it fails.
 */
export const EXCLUDED = {
  bun: {
    // Measures the process's RSS growth while reading one tensor of a 2 GiB sparse file; Bun's
    // allocator reports RSS differently (the reader by position itself runs in every other test).
    'tensor-io/src/formats/large.test.ts': 'RSS bound is calibrated for Node',
  },
  deno: {
    // Spawns `node --import <loader hook>` to record which modules the entry points load; Deno's
    // node:vm cannot evaluate the ESM hook. The same test runs under Node in CI.
    'superdarn/src/s3/engines.test.ts': 'module-load probe is a Node loader hook',
  },
  node22: {},
};

const RUNTIMES = {
  bun: {
    bin: join(root, 'node_modules', '.bin', 'bun'),
    args: (files) => ['test', '--conditions=source', '--timeout', '600000', ...files.map((f) => `./${f}`)],
    count: (out) => ({
      pass: num(/^\s*(\d+) pass$/m, out), fail: num(/^\s*(\d+) fail$/m, out),
      skipped: num(/^\s*(\d+) skip$/m, out) + num(/^\s*(\d+) todo$/m, out),
    }),
  },
  deno: {
    bin: join(root, 'node_modules', '.bin', 'deno'),
    // The root deno.json (a workspace) enables sloppy imports (our `.js` specifiers of `.ts` files).
    args: (files) => ['test', '--allow-all', '--no-check', '--conditions=source', '--config', join(root, 'deno.json'), ...files],
    count: (out) => {
      // `ok | 29 passed (28 steps) | 1 failed | 2 ignored (7s)`: subtests are "steps"; count them like Bun does.
      const m = /^(?:ok|FAILED) \| (\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed(?: \((\d+) steps?\))?(?: \| (\d+) ignored(?: \((\d+) steps?\))?)?/m.exec(out);
      const n = (i) => (m?.[i] ? Number(m[i]) : 0);
      return { pass: n(1) + n(2), fail: n(3) + n(4), skipped: n(5) + n(6) };
    },
  },
  node22: {
    // The second supported Node major: the same command as scripts/run-tests.mjs, another binary.
    bin: join(root, '.node22', 'bin', 'node'),
    prepare: () => ensureNode(join(root, '.node22'), NODE22_VERSION),
    // Test files that spawn `node` find this one first on PATH.
    path: join(root, '.node22', 'bin'),
    args: (files) => ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=1', ...files],
    count: (out) => countTap(out),
  },
};

function noColorEnv(binDir) {
  const env = { ...process.env, NO_COLOR: '1' };
  if (binDir) env.PATH = `${binDir}:${env.PATH ?? ''}`;
  delete env.FORCE_COLOR; // Deno colours when FORCE_COLOR is set at all, even to 0
  return env;
}

function num(re, text) {
  const m = re.exec(text);
  return m ? Number(m[1]) : 0;
}

function testFiles(pkgDir) {
  const out = [];
  const walk = (dir) => {
    let names = [];
    try { names = readdirSync(dir).sort(); } catch { return; }
    for (const n of names) {
      if (['node_modules', 'dist', 'fixtures'].includes(n)) continue;
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.test\.(ts|mts)$/.test(n)) out.push(relative(pkgDir, p));
    }
  };
  walk(join(pkgDir, 'src'));
  walk(join(pkgDir, 'test'));
  return out;
}

function parseArgs(argv) {
  const o = { runtimes: [], packages: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runtime') o.runtimes.push(argv[++i]);
    else if (a === '--package') o.packages.push(argv[++i]);
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--help' || a === '-h') {
      console.log(`usage: node scripts/test-runtimes.mjs [--runtime ${Object.keys(RUNTIMES).join('|')}]... [--package NAME]... [--verbose]`);
      process.exit(0);
    } else { console.error(`test-runtimes: unknown argument '${a}' (see --help)`); process.exit(2); }
  }
  for (const r of o.runtimes) if (!RUNTIMES[r]) { console.error(`test-runtimes: unknown runtime '${r}' (${Object.keys(RUNTIMES).join(', ')})`); process.exit(2); }
  for (const p of o.packages) if (!PACKAGES.includes(p)) { console.error(`test-runtimes: '${p}' is not one of ${PACKAGES.join(', ')}`); process.exit(2); }
  if (!o.runtimes.length) o.runtimes = Object.keys(RUNTIMES);
  if (!o.packages.length) o.packages = PACKAGES;
  return o;
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  let ok = true;
  const lines = [];
  for (const name of o.runtimes) {
    const rt = RUNTIMES[name];
    if (rt.prepare) {
      const t0 = Date.now();
      try { rt.prepare(); } catch (err) { lines.push(`${name}: not available (${err.message})`); ok = false; continue; }
      console.log(`${name}: ready (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    }
    if (!existsSync(rt.bin)) { lines.push(`${name}: not installed (${relative(root, rt.bin)}; run npm ci)`); ok = false; continue; }
    const total = { pass: 0, fail: 0, skipped: 0, excluded: 0 };
    for (const pkg of o.packages) {
      const dir = join(root, 'packages', pkg);
      const excluded = EXCLUDED[name];
      const all = testFiles(dir);
      const files = all.filter((f) => !(`${pkg}/${f}` in excluded));
      total.excluded += all.length - files.length;
      if (!files.length) continue;
      const t0 = Date.now();
      const r = spawnSync(rt.bin, rt.args(files), {
        cwd: dir, encoding: 'utf8', maxBuffer: 256 * 2 ** 20, timeout: 15 * 60_000,
        env: noColorEnv(rt.path),
      });
      const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '');
      const c = rt.count(out);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      // A crash before any summary (syntax error, missing module) is a failure too.
      const crashed = r.status !== 0 && c.fail === 0;
      if (o.verbose || c.fail || crashed) process.stdout.write(out.split('\n').map((l) => `  [${name} ${pkg}] ${l}`).join('\n') + '\n');
      console.log(`${name} ${pkg}: ${c.pass} passed, ${c.fail} failed, ${c.skipped} skipped (${files.length} files, ${secs}s)${crashed ? ` — exited with ${r.status ?? r.signal} before reporting` : ''}`);
      total.pass += c.pass; total.fail += c.fail + (crashed ? 1 : 0); total.skipped += c.skipped;
      if (c.fail || crashed) ok = false;
    }
    if (total.pass === 0) ok = false;
    lines.push(`${name}: ${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped${total.excluded ? ` (${total.excluded} files excluded, see EXCLUDED in scripts/test-runtimes.mjs)` : ''}`);
  }
  console.log('');
  for (const l of lines) console.log(l);
  process.exit(ok ? 0 : 1);
}

main();
