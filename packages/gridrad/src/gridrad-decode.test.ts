import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeGridradSparse, nearestLevel, parseGridradReduce, reduceGridradSparse } from './gridrad-decode.js';

test('sparse GridRad decodes to the dense cube and reduces like the dense reference', () => {
  const dims: [number, number, number] = [3, 2, 4];
  const index = [0, 9, 8 + 1, 17, 23, 16 + 5, 5];
  const values = [10, 20, 35, NaN, 40, 12, 7];
  // duplicate position 9 keeps the last value, as numpy's fancy assignment does
  const dense = decodeGridradSparse(index, values, dims);
  assert.equal(dense.length, 24);
  assert.equal(dense[9], 35); assert.equal(dense[0], 10); assert.ok(Number.isNaN(dense[1]!));
  const [colmax, lvl1, alt] = reduceGridradSparse(index.slice(0, 1).concat(index.slice(2)), values.slice(0, 1).concat(values.slice(2)), dims,
    parseGridradReduce('colmax,level:1,alt:2.1'), [1, 1.5, 2]);
  // reference: max over z of the dense cube ignoring NaN
  const ref = new Float32Array(8).fill(NaN);
  for (let z = 0; z < 3; z++) for (let p = 0; p < 8; p++) { const v = dense[z * 8 + p]!; if (!Number.isNaN(v) && !(ref[p]! >= v)) ref[p] = v; }
  assert.deepEqual(Array.from(colmax!), Array.from(ref));
  assert.deepEqual(Array.from(lvl1!), Array.from(dense.slice(8, 16)));
  assert.deepEqual(Array.from(alt!), Array.from(dense.slice(16, 24)));
});

test('GridRad decoding errors name the problem', () => {
  assert.throws(() => decodeGridradSparse([0, 24], [1, 2], [3, 2, 4], 'f.nc'), /f\.nc: index\[1\] = 24 is outside the 24-bin cube/);
  assert.throws(() => decodeGridradSparse([0], [1, 2], [3, 2, 4]), /index has 1 entries but the field has 2/);
  assert.throws(() => reduceGridradSparse([0], [1], [3, 2, 4], [{ kind: 'level', index: 3 }]), /level 3 is beyond the 3 altitude levels/);
  assert.throws(() => reduceGridradSparse([0], [1], [3, 2, 4], [{ kind: 'altitude', km: 1 }]), /needs an Altitude coordinate/);
  assert.throws(() => parseGridradReduce('colmax,foo'), /invalid GridRad channel 'foo'/);
  assert.equal(nearestLevel([0.5, 1, 1.5, 2], 1.2), 1);
});
