import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocatedError, TensorIOError, describeLocation } from './errors.js';
import { tensor } from '../tensor.js';
import { readNpy, writeNpy } from '../npy/index.js';
import { readNpz, writeNpz } from '../npz/index.js';
import { readPt } from '../pt/index.js';
import { readSafetensors, writeSafetensors } from '../safetensors/index.js';
import { DmapError, parseDmap, writeDmap } from '../dmap/index.js';
import { Bzip2Error, bunzip2Sync, bzip2Sync } from '../bz2/index.js';
import { NetcdfError, openNetcdf } from '../netcdf/index.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'netcdf', 'golden');

/** Asserts `f` throws a `cls` (a LocatedError) with the file and offset set. */
function located(f: () => unknown, cls: new (...a: never[]) => LocatedError, file: string, offset?: number): LocatedError {
  let err: unknown;
  try { f(); } catch (e) { err = e; }
  assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
  assert.ok(err instanceof LocatedError);
  assert.equal(err.file, file);
  assert.equal(typeof err.offset, 'number', `${err.message}: offset`);
  if (offset !== undefined) assert.equal(err.offset, offset);
  return err;
}

test('LocatedError builds file@offset (field): detail and keeps the parts; subclasses keep their own name', () => {
  const e = new TensorIOError('truncated', { file: 'a.npy', offset: 8, field: 'descr' });
  assert.equal(e.message, 'a.npy@8 (descr): truncated');
  assert.deepEqual([e.file, e.offset, e.field, e.detail, e.name], ['a.npy', 8, 'descr', 'truncated', 'TensorIOError']);
  assert.ok(e instanceof LocatedError && e instanceof Error);
  assert.equal(new LocatedError('x').message, '<bytes>: x');
  assert.deepEqual([new LocatedError('x').name, new NetcdfError('f', 'x').name, new DmapError('f', 0, 0, 'x').name, new Bzip2Error('x', 0).name], ['LocatedError', 'NetcdfError', 'DmapError', 'Bzip2Error']);
  assert.equal(new LocatedError('x', { file: 'f' }, { message: 'custom f' }).message, 'custom f');
  assert.equal(describeLocation({ file: 'f', field: 'v' }), 'f (v): ');
});

test('npy and npz: a corrupt file gives a TensorIOError with file and offset', () => {
  const npy = writeNpy(tensor('float32', [2], Float32Array.from([1, 2])));
  const bad = npy.slice(); bad[0] = 0;
  located(() => readNpy(bad, 'x.npy'), TensorIOError, 'x.npy', 0);
  located(() => readNpy(npy.subarray(0, 5), 'x.npy'), TensorIOError, 'x.npy', 0);
  const npz = writeNpz({ a: tensor('float32', [1], Float32Array.from([1])) }).slice(); npz[0] = 0;
  located(() => readNpz(npz, 'x.npz'), TensorIOError, 'x.npz', 0);
});

test('pt and safetensors: a corrupt file gives a TensorIOError with file and offset', () => {
  located(() => readPt(new TextEncoder().encode('not a zip at all'), 'm.pt'), TensorIOError, 'm.pt', 0);
  const st = writeSafetensors({ w: tensor('float32', [4], new Float32Array(4)) });
  const e = located(() => readSafetensors(st.subarray(0, st.length - 3), 'w.safetensors'), TensorIOError, 'w.safetensors');
  assert.match(e.message, /^w\.safetensors@\d+/);
});

test('dmap and bzip2: DmapError and Bzip2Error are located errors with the offset', () => {
  const recs = [0, 1].map((i) => ({ scalars: { n: { type: 'int' as const, value: i } }, arrays: { v: { type: 'float' as const, dims: [3], data: Float32Array.from([i, 1, 2]) } } }));
  const bytes = writeDmap(recs);
  const second = parseDmap(bytes).records[1]!.offset!;
  const err = located(() => parseDmap(bytes.subarray(0, bytes.length - 2), { name: 'r.fitacf' }), DmapError, 'r.fitacf', second);
  assert.match(err.message, new RegExp(`^r\\.fitacf: record 1 at byte offset ${second}`));
  const bz = bzip2Sync(new TextEncoder().encode('hello hello hello')).slice(); bz[bz.length - 3]! ^= 0xff;
  let caught: unknown;
  try { bunzip2Sync(bz); } catch (e) { caught = e; }
  assert.ok(caught instanceof Bzip2Error && caught instanceof LocatedError && typeof caught.offset === 'number', String(caught));
  assert.match(caught.message, /^bzip2: .*compressed byte offset \d+/);
});

test('netCDF-3: a truncated header gives a NetcdfError with file and offset, message unchanged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-located-'));
  try {
    const file = join(dir, 'cut.nc');
    writeFileSync(file, readFileSync(join(golden, 'classic.nc')).subarray(0, 20));
    const err = await openNetcdf(file).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof NetcdfError && err instanceof LocatedError, String(err));
    assert.equal(err.file, file);
    assert.equal(typeof err.offset, 'number');
    assert.match(err.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: netCDF-3 header truncated at offset ${err.offset}:`));
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
