import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  asFitacf, asGrid, asMap, asRawacf, DmapError, DmapRecord, dmapRecordKind, dmapRecordToJson, parseDmap, recordEndTime, recordTime, writeDmap,
} from '../../src/dmap/index.js';
import { fitacfLike } from './helpers.js';

const sh = (value: number) => ({ type: 'short' as const, value });

test('typed views: present fields are named, missing optional fields are undefined', () => {
  const [full, old] = parseDmap(writeDmap([fitacfLike(5, 2), fitacfLike(6, 0)])).records;
  const f = asFitacf(full);
  assert.equal(f.stid, 64);
  assert.equal(f['time.sc'], 5);
  assert.deepEqual(Array.from(f.v!), [-95, -87.75]);
  assert.deepEqual(f.ltab!.dims, [3, 2]);
  assert.equal(f['origin.code'], undefined);
  assert.equal(f.elv, undefined);
  assert.equal(f.record, full);
  assert.equal(asFitacf(old).v!.length, 0);
  assert.equal(dmapRecordKind(full), 'fitacf');
  assert.equal(recordTime(full).toISOString(), '2022-11-07T18:01:05.013Z');
  assert.throws(() => asRawacf(new DmapRecord({ stid: sh(1) })), (e: unknown) => e instanceof DmapError && e.field === 'time.yr');
});

test('GRID and MAP views accept records without vectors; times use start/end', () => {
  const t = { 'start.year': sh(2011), 'start.month': sh(2), 'start.day': sh(14), 'start.hour': sh(0), 'start.minute': sh(2),
    'start.second': { type: 'double' as const, value: 30.5 }, 'end.year': sh(2011), 'end.month': sh(2), 'end.day': sh(14),
    'end.hour': sh(0), 'end.minute': sh(4), 'end.second': { type: 'double' as const, value: 0 } };
  const grid = new DmapRecord(t, { stid: { type: 'short', dims: [1], data: Int16Array.from([32]) } });
  const g = asGrid(grid);
  assert.equal(g['vector.mlat'], undefined);
  assert.deepEqual(Array.from(g.stid!), [32]);
  assert.equal(dmapRecordKind(grid), 'grid');
  assert.equal(recordTime(grid).toISOString(), '2011-02-14T00:02:30.500Z');
  assert.equal(recordEndTime(grid)!.toISOString(), '2011-02-14T00:04:00.000Z');
  const map = new DmapRecord({ ...t, 'fit.order': sh(8), latmin: { type: 'float', value: 68 } }, {
    N: { type: 'double', dims: [2], data: Float64Array.from([0, 1]) } });
  const m = asMap(map);
  assert.deepEqual([m['fit.order'], m.latmin, m['pot.drop'], m['vector.vel.median']], [8, 68, undefined, undefined]);
  assert.equal(dmapRecordKind(map), 'map');
  assert.throws(() => asMap(new DmapRecord({ stid: sh(1) })), /not a MAP record/);
  assert.equal(dmapRecordKind(new DmapRecord({ x: sh(1) })), 'unknown');
  assert.throws(() => recordTime(new DmapRecord({ x: sh(1) })), /record has no time/);
});

test('dmapRecordToJson makes typed arrays plain and notes non-finite values', () => {
  const r = new DmapRecord({ x: { type: 'float', value: Infinity } }, { v: { type: 'float', dims: [3], data: Float32Array.from([1, NaN, NaN]) } });
  const j = dmapRecordToJson(r);
  assert.deepEqual(j.scalars.x, { type: 'float', value: null });
  assert.deepEqual(j.arrays.v.data, [1, null, null]);
  assert.deepEqual(j.notes, ['x: non-finite value(s) (NaN/Infinity) written as null', 'v: non-finite value(s) (NaN/Infinity) written as null ×2']);
  assert.equal(dmapRecordToJson(new DmapRecord({ a: sh(1) })).notes, undefined);
});

test('parsed records: accessors work before and after materialising, edits are kept', () => {
  const [r] = parseDmap(writeDmap([fitacfLike(1, 2)])).records;
  assert.equal(r.num('stid'), 64);
  assert.equal(r.str('origin.time'), 'Mon Dec 12 22:06:01 2022');
  assert.ok(r.has('v') && r.has('stid') && !r.has('nope'));
  const v = r.array('v');
  assert.equal(r.arrays.v.data, v, 'the same decoded array is returned');
  r.scalars.stid = sh(65);
  assert.equal(r.num('stid'), 65);
  assert.deepEqual(r.names().arrays, ['ltab', 'slist', 'v', 'gflg']);
});
