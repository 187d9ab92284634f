// Bad input: truncated, garbage and corrupted files, and bad requests, give clear errors naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NetcdfError, openNetcdf } from '../../src/index.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const dir = mkdtempSync(join(tmpdir(), 'wl-ncerr-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const put = (name: string, bytes: Uint8Array): string => { const p = join(dir, name); writeFileSync(p, bytes); return p; };

test('garbage, empty and missing files are rejected naming the file', async () => {
  await assert.rejects(openNetcdf(put('garbage.nc', new TextEncoder().encode('hello, not netCDF at all'))),
    (e: unknown) => e instanceof NetcdfError && /garbage\.nc: not a netCDF file/.test(e.message));
  await assert.rejects(openNetcdf(put('empty.nc', new Uint8Array(0))), /empty\.nc: not a netCDF file/);
  await assert.rejects(openNetcdf(join(dir, 'missing.nc')), /missing\.nc: cannot open/);
});

test('netCDF-3 truncated anywhere in the header: error with the offset; in the data: error on read', async () => {
  const bytes = readFileSync(join(golden, 'classic.nc'));
  const f0 = await openNetcdf(join(golden, 'classic.nc'));
  const lastBegin = 1000; // header of classic.nc is shorter than this; data follows
  await f0.close();
  for (const len of [4, 7, 9, 20, 60, 200, 400]) {
    await assert.rejects(openNetcdf(put(`cut${len}.nc`, bytes.subarray(0, len))),
      new RegExp(`cut${len}\\.nc: netCDF-3 header truncated at offset \\d+`), `cut at ${len}`);
  }
  const cut = put('cutdata.nc', bytes.subarray(0, Math.min(lastBegin, bytes.length - 40)));
  const f = await openNetcdf(cut);
  try {
    await assert.rejects(f.readVariable('temp'), /cutdata\.nc \(variable temp\): data at offset \d+\.\.\d+ lies beyond the end of the file/);
  } finally { await f.close(); }
});

test('netCDF-3 corrupted header fields: bad list tag, bad type code, absurd lengths', async () => {
  const bytes = new Uint8Array(readFileSync(join(golden, 'single_record.nc')));
  const tag = bytes.slice(); tag[11] = 0x0b; // dimension list tag 0x0A → 0x0B
  await assert.rejects(openNetcdf(put('tag.nc', tag)), /tag\.nc: netCDF-3 expected dimension list tag 10 at offset 8, found 11/);
  const name = bytes.slice(); name.set([0x7f, 0xff, 0xff, 0xf0], 16); // first dimension name length
  await assert.rejects(openNetcdf(put('name.nc', name)), /name\.nc: netCDF-3 name length 2147483632 at offset 16 exceeds the file/);
  const ver = bytes.slice(); ver[3] = 3;
  await assert.rejects(openNetcdf(put('ver.nc', ver)), /ver\.nc: not a netCDF file/);
});

test('netCDF-4/HDF5 truncated or corrupted: error naming the file, no crash', async () => {
  const bytes = readFileSync(join(golden, 'netcdf4.nc'));
  for (const len of [8, 100, 2000, bytes.length - 100]) {
    await assert.rejects(openNetcdf(put(`h5cut${len}.nc`, bytes.subarray(0, len))),
      (e: unknown) => e instanceof NetcdfError && e.message.startsWith(join(dir, `h5cut${len}.nc`)) && /HDF5|netCDF-4/.test(e.message), `cut at ${len}`);
  }
});

test('bad requests name the file, the variable and the dimension', async () => {
  const f = await openNetcdf(join(golden, 'classic.nc'));
  try {
    await assert.rejects(f.readVariable('nope'), /classic\.nc \(variable nope\): no such variable \(variables: time, lat, temp/);
    await assert.rejects(f.readVariable('temp', { start: [0, 0] }), /start has 2 entries, the variable has 3 dimensions/);
    await assert.rejects(f.readVariable('temp', { start: [3, 0, 0], count: [1, 1, 1] }), /temp\): start 3 \+ count 1 \(stride 1\) exceeds dimension 0 \(time, size 3\)/);
    await assert.rejects(f.readVariable('temp', { stride: [0, 1, 1] }), /stride 0 for dimension 0 \(time, size 3\)/);
    await assert.rejects(f.readVariable('temp', { decode: false, mask: true }), /mask option needs decode/);
    const empty = await f.readVariable('temp', { start: [3, 0, 0], count: [0, 2, 3] });
    assert.deepEqual(empty.shape, [0, 2, 3]);
  } finally { await f.close(); }
  await assert.rejects(f.readVariable('temp'), /file is closed/);
});
