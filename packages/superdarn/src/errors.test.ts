import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocatedError, parseDmap, writeDmap } from '@weatherlearn/tensor-io';
import { SuperdarnDataError } from './errors.js';
import { collectVectors } from './grid/vectors.js';
import { parseHardwareTable } from './geometry/hdw-file.js';

const f32 = (xs: number[]) => ({ type: 'float' as const, dims: [xs.length], data: Float32Array.from(xs) });

test('a GRID record with mismatched vector arrays gives a SuperdarnDataError with file, record offset and field', () => {
  const good = { scalars: {}, arrays: { 'vector.mlat': f32([60, 61]), 'vector.mlon': f32([10, 11]), 'vector.vel.median': f32([100, 200]) } };
  const bad = { scalars: {}, arrays: { 'vector.mlat': f32([60, 61, 62]), 'vector.mlon': f32([10, 11]) } };
  const records = parseDmap(writeDmap([good, bad])).records;
  assert.ok(records[1]!.offset! > 0);
  let err: unknown;
  try { collectVectors(records, ['vel.median'], 'x.grid'); } catch (e) { err = e; }
  assert.ok(err instanceof SuperdarnDataError && err instanceof LocatedError, String(err));
  assert.deepEqual([err.file, err.offset, err.field], ['x.grid', records[1]!.offset, 'vector.mlon']);
  assert.equal(err.message, 'x.grid: record 1: vector.mlon has 2 values, vector.mlat 3');
});

test('a corrupt hardware table gives a SuperdarnDataError naming the file and field', () => {
  assert.throws(() => parseHardwareTable('[not json', 'hdw.json'), (e: unknown) => e instanceof SuperdarnDataError && e.file === 'hdw.json' && /^hdw\.json: invalid JSON/.test(e.message));
  assert.throws(() => parseHardwareTable('[{"code": 1}]', 'hdw.json'), (e: unknown) => e instanceof SuperdarnDataError && e.field !== undefined && e.field.startsWith('0.'));
});
