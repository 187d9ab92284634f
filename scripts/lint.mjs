#!/usr/bin/env node
// Project lint (run per package by `turbo run lint`): checks the architectural rules that a type
// checker cannot — packages never read process.env/argv, relative imports carry their .js suffix,
// packages import TensorFlow.js only through @weatherlearn/engine, file names are kebab-case, a
// "// Port of" line comes first, no source file grows huge, package code never draws from the
// global Math.random (one seeded Rng; a justified exception carries `lint-allow` on its line), every
// @weatherlearn/* package a file imports is declared in package.json (dependencies for code that
// ships, devDependencies at least for tests and benchmarks), and the public-API rules of
// lint-exports.mjs: entry files list their exports by name, and no two packages export one name.
// Run at the workspace root, it checks the public-API rules of every package.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { exportProblems, findWorkspaceRoot } from './lint-exports.mjs';

const cwd = process.cwd();
const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
const isApp = cwd.includes('/apps/');
const problems = [];
/** The packages this one declares, in any dependency field. */
const declared = new Set([pkg.name, ...['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((k) => Object.keys(pkg[k] ?? {}))]);
function walk(dir) {
  let names = [];
  try { names = readdirSync(dir); } catch { return; }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) { if (!['node_modules', 'dist', 'golden'].includes(n)) walk(p); continue; }
    if (!/\.(ts|mts)$/.test(n) || n.endsWith('.d.ts')) continue;
    const text = readFileSync(p, 'utf8');
    const rel = relative(cwd, p);
    // One naming rule for files: kebab-case words, dot-separated parts (foo-bar.ts, foo-bar.test.ts).
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*\.(ts|mts)$/.test(n)) problems.push(`${rel}: file names are kebab-case (e.g. earth-specific-block.ts); exported names keep the Python ones`);
    if (/^\/\/ Port of /m.test(text) && !text.startsWith('// Port of ')) problems.push(`${rel}: the "// Port of <repo>/<file>.py:<name>" line must be the first line`);
    // Test code: test files, test/ and bench/ folders, src/testing/, and the test-helper package test-parts.
    const isTest = /\.test\.ts$/.test(n) || rel.startsWith('test/') || rel.startsWith('bench/') || rel.startsWith('src/testing/') || pkg.name === '@weatherlearn/test-parts';
    text.split('\n').forEach((line, i) => {
      const at = `${rel}:${i + 1}`;
      const code = /^\s*(\*|\/\/|\/\*)/.test(line) ? '' : line.replace(/\/\/.*$/, '');
      if (!isApp && !isTest && /\bprocess\.(env|argv)\b/.test(code) && !/lint-allow/.test(line)) problems.push(`${at}: packages must not read process.env/argv (the app passes options in)`);
      if (!isApp && !isTest && /\bMath\.random\b/.test(code) && !/lint-allow/.test(line)) problems.push(`${at}: no Math.random in package code: take an \`rng\` (Rng from @weatherlearn/engine/rng) or a seed`);
      for (const w of code.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)'(@weatherlearn\/[a-z0-9-]+)(?:\/[^']*)?'/g)) {
        if (!declared.has(w[1])) problems.push(`${at}: imports ${w[1]}, which ${pkg.name}'s package.json does not declare (add it to ${isTest ? 'devDependencies' : 'dependencies'})`);
      }
      const m = /from\s+'(\.{1,2}\/[^']+)'/.exec(line);
      if (m && !/\.(js|json|mjs|cjs)$/.test(m[1])) problems.push(`${at}: relative import '${m[1]}' needs its .js suffix (ESM)`);
      if (!isApp && pkg.name !== '@weatherlearn/engine' && !pkg.name.includes('tfjs-backend') && /from\s+'@tensorflow\/tfjs-core/.test(line)) problems.push(`${at}: import tf from '@weatherlearn/engine', not @tensorflow/tfjs-core (one shared instance)`);
    });
    const lines = text.split('\n').length;
    if (lines > 400) problems.push(`${rel}: ${lines} lines — split it (files stay mostly under 200 lines)`);
  }
}
walk(join(cwd, 'src'));
walk(join(cwd, 'test'));
walk(join(cwd, 'bench'));
const root = findWorkspaceRoot(cwd);
if (root) {
  const isRoot = root === cwd;
  for (const p of exportProblems(root, isRoot ? undefined : pkg.name)) problems.push(isRoot ? p : p.replace(/^(\S+?\.(?:ts|mts):\d+)/, (f) => relative(cwd, join(root, f))));
}
for (const p of problems) console.error(`lint: ${p}`);
console.log(`lint ${pkg.name}: ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
