import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DmapError, parseDmap, readDmapFile, readDmapRecords, writeDmap, type DmapSkipped } from '../../src/dmap/index.js';
import { bzip2Sync } from '../../src/bz2/index.js';
import { concat, fitacfLike, plain } from './helpers.js';

const recs = Array.from({ length: 5 }, (_, i) => fitacfLike(i, 2 + i));
const bytes = writeDmap(recs);
const offsets = parseDmap(bytes).records.map((r) => r.offset!);

test('every truncation: strict throws DmapError naming record and offset; lax keeps the good records', () => {
  for (let cut = 1; cut < bytes.length; cut++) {
    const part = bytes.subarray(0, cut);
    const complete = offsets.filter((o, i) => (offsets[i + 1] ?? bytes.length) <= cut).length;
    if (offsets.includes(cut)) {
      assert.equal(parseDmap(part).records.length, complete);
      continue;
    }
    assert.throws(() => parseDmap(part, { name: 'x.fitacf' }), (e: unknown) => {
      assert.ok(e instanceof DmapError, String(e));
      assert.equal(e.recordIndex, complete);
      assert.match(e.message, /^x\.fitacf: record \d+ at byte offset \d+/);
      assert.match(e.reason, /truncated/);
      return true;
    });
    const lax = parseDmap(part, { mode: 'lax' });
    assert.equal(lax.records.length, complete);
    assert.deepEqual(lax.skipped.map((s) => [s.index, s.offset, s.length]), [[complete, offsets[complete], cut - offsets[complete]]]);
  }
});

test('wrong record size, unknown type codes and bad dims are reported with offset and field', () => {
  const bad = bytes.slice();
  const dv = new DataView(bad.buffer);
  // Record 1 claims 3 bytes more than it has: its fields end early.
  dv.setInt32(offsets[1] + 4, dv.getInt32(offsets[1] + 4, true) + 3, true);
  assert.throws(() => parseDmap(bad), (e: unknown) => e instanceof DmapError && e.recordIndex === 1 && /fields end after|scalar|array|bad record code/.test(e.reason));
  const lax = parseDmap(bad, { mode: 'lax' });
  assert.deepEqual(lax.records.map((r) => r.index), [0, 2, 3, 4]);
  assert.equal(lax.skipped.length, 1);
  assert.equal(lax.skipped[0].offset, offsets[1]);
  assert.equal(lax.skipped[0].length, offsets[2] - offsets[1]);
  assert.deepEqual(lax.records.slice(1).map(plain), recs.slice(2).map(plain));

  // Unknown scalar type code: byte after "radar.revision.major\0" of record 3.
  const unk = bytes.slice();
  unk[offsets[3] + 16 + 'radar.revision.major'.length + 1] = 42;
  assert.throws(() => parseDmap(unk), (e: unknown) => e instanceof DmapError && e.recordIndex === 3 && e.field === 'radar.revision.major' && /unknown scalar type code 42/.test(e.reason) && e.offset === offsets[3] + 37);
  assert.deepEqual(parseDmap(unk, { mode: 'lax' }).records.map((r) => r.index), [0, 1, 2, 4]);

  // Huge record size: rejected before any allocation.
  const huge = bytes.slice();
  new DataView(huge.buffer).setInt32(offsets[2] + 4, 0x7ffffff0, true);
  assert.throws(() => parseDmap(huge, { maxRecordBytes: 1 << 20 }), /record size 2147483632 exceeds maxRecordBytes/);

  // A negative dimension.
  const dims = bytes.slice();
  const at = Buffer.from(dims).indexOf('ltab\0', offsets[0]) + 5 + 1 + 4;
  new DataView(dims.buffer).setInt32(at, -5, true);
  assert.throws(() => parseDmap(dims), (e: unknown) => e instanceof DmapError && e.field === 'ltab' && /invalid dimension -5/.test(e.reason) && e.offset === at);
});

test('garbage between records and at the end: lax resynchronises and reports each region', () => {
  const junk = new TextEncoder().encode('this is not dmap');
  const data = concat([bytes.subarray(0, offsets[2]), junk, bytes.subarray(offsets[2]), new Uint8Array([1, 0, 1, 0, 9])]);
  assert.throws(() => parseDmap(data), (e: unknown) => e instanceof DmapError && e.recordIndex === 2 && e.offset === offsets[2] && /bad record code/.test(e.reason));
  const seen: DmapSkipped[] = [];
  const lax = parseDmap(data, { mode: 'lax', onSkip: (s) => seen.push(s) });
  assert.equal(lax.records.length, 5);
  assert.deepEqual(lax.records.map(plain), recs.map(plain));
  assert.deepEqual(lax.skipped.map((s) => [s.offset, s.length]), [[offsets[2], junk.length], [data.length - 5, 5]]);
  assert.deepEqual(seen, lax.skipped);
  assert.deepEqual(lax.records.map((r) => r.index), [0, 1, 3, 4, 5]);
});

test('a bz2 file with a bad CRC: strict names the file, lax reports the skip', async () => {
  const bz = bzip2Sync(bytes, { level: 1 });
  const bad = bz.slice();
  bad[12] ^= 0xff; // stored block CRC
  await assert.rejects(readDmapFile(bad, { name: 'bad.fitacf.bz2' }), (e: unknown) => e instanceof DmapError && /^bad\.fitacf\.bz2: record 0 .*cannot decompress: bzip2: block CRC mismatch/.test(e.message));
  const lax = await readDmapFile(bad, { mode: 'lax' });
  assert.equal(lax.skipped.length >= 1, true);
  assert.match(lax.skipped.at(-1)!.reason, /cannot decompress the rest of the file: bzip2: block CRC mismatch/);
  // A truncated .bz2 is an error too, never a hang.
  await assert.rejects(readDmapFile(bz.subarray(0, bz.length - 10)), /truncated/);
});

test('decompression bomb: streams with bounded chunks, maxTotalBytes aborts with a clear error', async () => {
  // One record with a 20 MB zero array compresses to a few hundred bytes.
  const big = writeDmap([{ scalars: { stid: { type: 'short', value: 1 } }, arrays: { z: { type: 'uchar', dims: [20_000_000], data: new Uint8Array(20_000_000) } } }]);
  const bomb = bzip2Sync(concat([big, big, big, big]), { level: 9 });
  assert.ok(bomb.length < 5000, `bomb is ${bomb.length} bytes`);
  let n = 0;
  for await (const r of readDmapRecords(bomb)) { n++; assert.equal(r.arrayField('z')!.dims[0], 20_000_000); }
  assert.equal(n, 4);
  await assert.rejects(readDmapFile(bomb, { maxTotalBytes: 30_000_000, name: 'bomb.bz2' }), /bomb\.bz2: record 1 .*decoded data exceeds maxTotalBytes=30000000 \(possible decompression bomb\)/);
  await assert.rejects(readDmapFile(bomb, { maxRecordBytes: 1_000_000 }), /exceeds maxRecordBytes 1000000/);
});
