import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColorScale, colormapTable, finiteRange, symmetricRange } from './colormap.js';

test('colour tables hold matplotlib\'s end points', () => {
  const v = colormapTable('viridis');
  assert.deepEqual([...v.subarray(0, 3)], [0x44, 0x01, 0x54]);
  assert.deepEqual([...v.subarray(765)], [0xfd, 0xe7, 0x25]);
  const c = colormapTable('coolwarm'); // blue end, red end
  assert.ok(c[2]! > c[0]! && c[765]! > c[767]!);
  assert.throws(() => colormapTable('jet' as never), /unknown colour map 'jet' \(valid: viridis, cividis, plasma, coolwarm\)/);
});

test('ColorScale maps, clips and leaves NaN uncoloured', () => {
  const s = new ColorScale('viridis', 0, 10);
  assert.equal(s.hex(0), '#440154');
  assert.equal(s.hex(10), '#fde725');
  assert.equal(s.hex(-5), s.hex(0));
  assert.equal(s.hex(50), s.hex(10));
  assert.equal(s.hex(NaN), 'none');
  assert.equal(s.index(5), 128);
  assert.throws(() => new ColorScale('viridis', 0, Infinity), /range must be finite/);
  assert.deepEqual(symmetricRange([1, -3, NaN]), [-3, 3]);
  assert.deepEqual(finiteRange([NaN, 2, 5, Infinity]), [2, 5]);
  assert.deepEqual(finiteRange([4, 4]), [3.5, 4.5]);
});
