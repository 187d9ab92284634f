// Hyperslab reads (start/count/stride) agree with slicing the whole variable, for netCDF-3
// record and fixed variables (incl. reads merged across gaps) and netCDF-4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNetcdf, type NetcdfFile } from '../../src/index.js';
import { encodeCdf3 } from './cdf3-writer.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const dir = mkdtempSync(join(tmpdir(), 'wl-ncslab-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

let seed = 12345;
const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };

function slice(full: ArrayLike<unknown>, shape: number[], start: number[], count: number[], stride: number[]): unknown[] {
  const out: unknown[] = [];
  const idx = count.map(() => 0);
  const n = count.reduce((a, b) => a * b, 1);
  for (let k = 0; k < n; k++) {
    let off = 0;
    for (let d = 0; d < shape.length; d++) off = off * shape[d]! + start[d]! + idx[d]! * stride[d]!;
    out.push(full[off]);
    for (let d = count.length - 1; d >= 0; d--) { if (++idx[d]! < count[d]!) break; idx[d] = 0; }
  }
  return out;
}

async function check(f: NetcdfFile, name: string, trials: number): Promise<void> {
  const v = f.variable(name)!;
  const full = (await f.readVariable(name, { decode: false })).data;
  for (let t = 0; t < trials; t++) {
    const stride = v.shape.map(() => (rand(3) === 0 ? 1 + rand(4) : 1));
    const start = v.shape.map((s) => rand(Math.max(1, s)));
    const count = v.shape.map((s, i) => Math.min(1 + rand(s), Math.ceil((s - start[i]!) / stride[i]!)));
    if (rand(4) === 0) { start.fill(0); count.splice(0, count.length, ...v.shape); stride.fill(1); }
    const got = await f.readVariable(name, { start, count, stride, decode: false });
    assert.deepEqual(got.shape, count);
    assert.deepEqual(Array.from(got.data as ArrayLike<unknown>), slice(full, v.shape, start, count, stride), `${name} start=${start} count=${count} stride=${stride}`);
  }
}

test('netCDF-3 golden: random hyperslabs of record, fixed and char variables', async () => {
  for (const file of ['classic.nc', 'offset64.nc', 'single_record.nc', 'cdf5.nc']) {
    const f = await openNetcdf(join(golden, file));
    try { for (const v of f.variables) if (v.shape.length > 0) await check(f, v.name, 25); } finally { await f.close(); }
  }
});

test('netCDF-3 generated file (several MB): big record and fixed variables, gap-merged reads', async () => {
  const H = 300; const W = 1100; const R = 4;
  const grid = Float32Array.from({ length: H * W }, (_, i) => i * 0.5);
  const recs = Int16Array.from({ length: R * 7 * 333 }, (_, i) => (i % 30000) - 15000);
  const other = Float64Array.from({ length: R * 5 }, (_, i) => -i);
  const path = join(dir, 'big.nc');
  writeFileSync(path, encodeCdf3([['rec', 0], ['y', H], ['x', W], ['a', 7], ['b', 333], ['c', 5]], [
    { name: 'grid', dims: ['y', 'x'], type: 'float', values: grid },
    { name: 'recs', dims: ['rec', 'a', 'b'], type: 'short', values: recs },
    { name: 'other', dims: ['rec', 'c'], type: 'double', values: other },
  ], R));
  const f = await openNetcdf(path);
  try {
    assert.deepEqual((await f.readVariable('grid')).data, grid);
    assert.deepEqual((await f.readVariable('recs')).data, recs);
    assert.deepEqual((await f.readVariable('other')).data, other);
    await check(f, 'grid', 30);
    await check(f, 'recs', 30);
    await check(f, 'other', 10);
    const col = await f.readVariable('grid', { start: [0, 1099], count: [H, 1] });
    assert.deepEqual(Array.from(col.data as Float32Array), Array.from({ length: H }, (_, i) => (i * W + 1099) * 0.5));
  } finally { await f.close(); }
});

test('netCDF-4 golden: random hyperslabs (chunked, compressed, big-endian, unlimited)', async () => {
  const f = await openNetcdf(join(golden, 'netcdf4.nc'));
  try { for (const n of ['temp', 'rh', 'zipped', 'big', 'name', 'i64']) await check(f, n, 15); } finally { await f.close(); }
});
