#!/usr/bin/env node
// Runs one package's tests with node's built-in runner through tsx.
// Node 20 does not expand `**`, so we list the test files ourselves, fail when none ran,
// and leave a machine-readable `test-results.json` for the root summary (scripts/test-all.mjs).
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { countTap } from './tap-counts.mjs';

const cwd = process.cwd();
const roots = ['src', 'test'].map((d) => join(cwd, d));
const only = process.argv.slice(2);

function walk(dir, out) {
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const name of entries.sort()) {
    if (name === 'node_modules' || name === 'dist' || name === 'fixtures') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.(ts|mts)$/.test(name)) out.push(p);
  }
  return out;
}

let files = roots.flatMap((r) => walk(r, []));
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
const rel = files.map((f) => relative(cwd, f));
if (rel.length === 0) {
  // A package without tests yet contributes nothing; the root summary fails if the WHOLE run is empty.
  console.log(`run-tests: no *.test.ts files under ${relative(process.cwd(), cwd) || '.'}/{src,test}`);
  writeFileSync(join(cwd, 'test-results.json'), JSON.stringify({ pass: 0, fail: 0, skipped: 0, files: 0 }));
  process.exit(only.length ? 1 : 0);
}

const args = [
  '--conditions=source', '--import', 'tsx', '--test', '--test-reporter=tap',
  '--test-concurrency=1', ...rel,
];
const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
let buf = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  buf += chunk.toString();
});
child.on('close', (code) => {
  // Skipped suites count as skipped (Node 20 reports them as 0); the reasons go to the root summary.
  const c = countTap(buf);
  const result = { pass: c.pass, fail: c.fail, skipped: c.skipped, files: rel.length, skippedSuites: c.skippedSuites, skipReasons: c.skipReasons };
  writeFileSync(join(cwd, 'test-results.json'), JSON.stringify(result));
  for (const s of c.skippedSuites) console.log(`run-tests: suite "${s}" was skipped as a whole (counted as 1 skipped; its tests are not listed)`);
  if (c.tests === 0) {
    console.error('run-tests: zero tests ran — failing on purpose');
    process.exit(1);
  }
  process.exit(code === 0 && c.fail === 0 ? 0 : 1);
});
