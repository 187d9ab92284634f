import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DMAP_TYPES, DmapRecord, DmapError, encodeDmapRecord, parseDmap, readDmapFile, readDmapRecords, writeDmap, writeDmapFile, dmapChunks,
  type DmapArray, type DmapScalar,
} from '../../src/dmap/index.js';
import { isBzip2 } from '../../src/bz2/index.js';
import { collect, concat, fitacfLike, plain } from './helpers.js';

/** One scalar and one 2-D array of every DMAP type, with edge values. */
function everyType(): DmapRecord {
  const scalars: Record<string, DmapScalar> = {
    c: { type: 'char', value: -128 }, s: { type: 'short', value: -32768 }, i: { type: 'int', value: 2147483647 },
    f: { type: 'float', value: Math.fround(-1.25e-3) }, d: { type: 'double', value: Math.PI },
    str: { type: 'string', value: 'Tue Apr  4 00:00:47 2023 \u00e9' }, l: { type: 'long', value: -(2n ** 62n) - 3n },
    uc: { type: 'uchar', value: 255 }, us: { type: 'ushort', value: 65535 }, ui: { type: 'uint', value: 4294967295 },
    ul: { type: 'ulong', value: 2n ** 64n - 1n }, nan: { type: 'float', value: NaN },
  };
  const arrays: Record<string, DmapArray> = {
    ac: { type: 'char', dims: [2, 3], data: Int8Array.from([-1, 2, -3, 4, -5, 6]) },
    as: { type: 'short', dims: [3, 2], data: Int16Array.from([1, -2, 3, -4, 5, -6]) },
    ai: { type: 'int', dims: [1, 2, 3], data: Int32Array.from([1, 2, 3, 4, 5, -6]) },
    af: { type: 'float', dims: [2, 2], data: Float32Array.from([0.5, -Infinity, NaN, 1e30]) },
    ad: { type: 'double', dims: [3], data: Float64Array.from([1e-300, -0, 2.5]) },
    al: { type: 'long', dims: [2], data: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n]) },
    auc: { type: 'uchar', dims: [4], data: Uint8Array.from([0, 1, 254, 255]) },
    aus: { type: 'ushort', dims: [2], data: Uint16Array.from([0, 65535]) },
    aui: { type: 'uint', dims: [2], data: Uint32Array.from([0, 4294967295]) },
    aul: { type: 'ulong', dims: [1], data: BigUint64Array.from([2n ** 64n - 1n]) },
    astr: { type: 'string', dims: [2], data: ['abc', ''] },
    empty: { type: 'short', dims: [0], data: new Int16Array(0) },
  };
  return new DmapRecord(scalars, arrays);
}

test('every DMAP type code round-trips exactly (scalars and multi-dimensional arrays)', () => {
  const rec = everyType();
  const bytes = writeDmap([rec, fitacfLike(1)]);
  const { records, skipped } = parseDmap(bytes);
  assert.equal(records.length, 2);
  assert.deepEqual(skipped, []);
  assert.deepEqual(plain(records[0]), plain(rec));
  assert.deepEqual(plain(records[1]), plain(fitacfLike(1)));
  const types = new Set([...Object.values(records[0].scalars), ...Object.values(records[0].arrays)].map((f) => DMAP_TYPES[f.type]));
  assert.deepEqual([...types].sort((a, b) => a - b), [1, 2, 3, 4, 8, 9, 10, 16, 17, 18, 19]);
  // Re-encoding a parsed record gives the same bytes.
  assert.deepEqual(writeDmap(records), bytes);
});

test('dims are stored fastest-first on disk and reported row-major', () => {
  const rec = new DmapRecord({ x: { type: 'short', value: 1 } }, { a: { type: 'short', dims: [3, 2], data: new Int16Array(6) } });
  const b = encodeDmapRecord(rec);
  const dv = new DataView(b.buffer);
  // header 16 + "x\0" + type + short = 21; "a\0" + type = 24; ndim at 24, dims at 28..36
  assert.equal(dv.getInt32(24, true), 2);
  assert.deepEqual([dv.getInt32(28, true), dv.getInt32(32, true)], [2, 3]);
  assert.equal(dv.getInt32(4, true), b.length);
});

test('plain arrays are converted, bad values are rejected with the field named', () => {
  const ok = encodeDmapRecord({ scalars: { n: { type: 'long', value: 5 } }, arrays: { a: { type: 'float', dims: [2], data: [1.5, 2] } } });
  assert.deepEqual(Array.from(parseDmap(ok).records[0].array('a') as Float32Array), [1.5, 2]);
  const bad = (scalars: Record<string, DmapScalar>, arrays: Record<string, DmapArray | { type: 'short'; dims: number[]; data: number[] }> = {}) =>
    () => encodeDmapRecord({ scalars, arrays }, 7);
  assert.throws(bad({ s: { type: 'short', value: 40000 } }), (e: unknown) => e instanceof DmapError && e.field === 's' && /out of range|not a short/.test(e.message) && e.recordIndex === 7);
  assert.throws(bad({ s: { type: 'string', value: 'a\0b' } }), /NUL/);
  assert.throws(bad({ s: { type: 'bogus' as 'short', value: 1 } }), /unknown DMAP type "bogus"/);
  assert.throws(bad({}, { a: { type: 'short', dims: [3], data: [1, 2] } }), /2 values but dims \[3\] need 3/);
  assert.throws(bad({}, { a: { type: 'short', dims: [1], data: [1.5] } }), /not a short/);
  assert.throws(() => encodeDmapRecord({ scalars: {}, arrays: { a: { type: 'float', dims: [1], data: new Float64Array(1) } } }), /needs a Float32Array/);
});

test('streaming writer (plain and bzip2) and atomic writeDmapFile read back equal', async () => {
  const recs = Array.from({ length: 30 }, (_, i) => fitacfLike(i, 1 + (i % 5)));
  const plainBytes = concat(await collect(dmapChunks(recs)));
  assert.deepEqual(plainBytes, writeDmap(recs));
  const bz = concat(await collect(dmapChunks(recs, { bz2: 1 })));
  assert.ok(isBzip2(bz));
  const back = await readDmapFile(bz);
  assert.equal(back.compressed, true);
  assert.deepEqual(back.records.map(plain), recs.map(plain));
  const dir = mkdtempSync(join(tmpdir(), 'dmap-'));
  try {
    const res = await writeDmapFile(join(dir, 'out.fitacf.bz2'), recs, { bz2: true });
    assert.equal(res.records, 30);
    assert.ok(isBzip2(readFileSync(join(dir, 'out.fitacf.bz2'))));
    const again: DmapRecord[] = [];
    for await (const r of readDmapRecords(join(dir, 'out.fitacf.bz2'))) again.push(r);
    assert.deepEqual(again.map(plain), recs.map(plain));
    assert.deepEqual(again.map((r) => r.index), recs.map((_, i) => i));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('reading from an async stream of odd-sized chunks equals reading from bytes', async () => {
  const bytes = writeDmap(Array.from({ length: 12 }, (_, i) => fitacfLike(i, i % 4)));
  async function* drip() { for (let i = 0; i < bytes.length; i += 37) yield bytes.slice(i, i + 37); }
  const a = await readDmapFile(drip());
  assert.deepEqual(a.records.map(plain), parseDmap(bytes).records.map(plain));
  assert.deepEqual(a.records.map((r) => r.offset), parseDmap(bytes).records.map((r) => r.offset));
});
