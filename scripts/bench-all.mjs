#!/usr/bin/env node
// `npm run bench [-- --filter TEXT]`: runs every packages/*/bench/*.bench.ts in its own process
// (so one benchmark's memory does not skew the next), writes bench-results/<time>.json with machine
// info + figures, and prints a table. Targets are judged here, never in timed tests.
import { readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import os from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const fi = process.argv.indexOf('--filter');
const filter = fi > 0 ? process.argv[fi + 1] : undefined;
const files = [];
for (const base of ['packages', 'apps']) {
  for (const pkg of existsSync(join(root, base)) ? readdirSync(join(root, base)).sort() : []) {
    const dir = join(root, base, pkg, 'bench');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.bench.ts')) files.push(join(dir, f));
  }
}
const selected = files.filter((f) => !filter || f.includes(filter));
if (selected.length === 0) { console.error(`bench: no benchmark files${filter ? ` match "${filter}"` : ''}`); process.exit(1); }

const results = [];
let failed = 0;
for (const file of selected) {
  const rel = relative(root, file);
  process.stderr.write(`bench: running ${rel} …\n`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', join(root, 'scripts/bench-one.mjs'), file], {
    cwd: join(file, '..', '..'), encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const marker = r.stdout?.lastIndexOf('@@BENCH@@') ?? -1;
  if (r.status !== 0 || marker < 0) {
    failed++;
    process.stderr.write(`bench: ${rel} failed (exit ${r.status})\n${r.stderr?.slice(-2000) ?? ''}\n`);
    results.push({ file: rel, error: (r.stderr ?? '').slice(-500) });
    continue;
  }
  const rows = JSON.parse(r.stdout.slice(marker + 9).trim());
  for (const row of rows) results.push({ file: rel, ...row });
  process.stderr.write(`bench: ${rel} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

const machine = {
  node: process.versions.node, platform: `${os.platform()}-${os.arch()}`, cpu: os.cpus()[0]?.model,
  cores: os.cpus().length, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
};
const out = join(root, 'bench-results');
mkdirSync(out, { recursive: true });
const path = join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(path, JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2));

const w = Math.max(10, ...results.map((r) => (r.name ?? r.file).length));
console.log(`\n${'benchmark'.padEnd(w)}  ${'value'.padStart(12)}  unit`);
console.log(`${'-'.repeat(w)}  ${'-'.repeat(12)}  ----`);
for (const r of results) {
  if (r.error) console.log(`${r.file.padEnd(w)}  ${'FAILED'.padStart(12)}`);
  else console.log(`${r.name.padEnd(w)}  ${(Number.isInteger(r.value) ? String(r.value) : r.value.toPrecision(4)).padStart(12)}  ${r.unit}${r.target ? `  (target ${r.target})` : ''}`);
}
console.log(`\nresults written to ${relative(root, path)}`);
process.exit(failed ? 1 : 0);
