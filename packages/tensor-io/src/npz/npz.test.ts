import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readNpz, writeNpz } from './npz.js';
import { listZip } from '../zip/read.js';
import { writeZip } from '../zip/write.js';
import { writeNpy } from '../npy/npy.js';
import { tensor } from '../tensor.js';
import { EXPECTED, golden, hexOf, type GoldenTensor } from '../../test/golden/golden.js';

for (const f of ['npz_stored.npz', 'npz_deflated.npz']) {
  test(`golden ${f} (numpy) reads back exactly`, () => {
    const want = EXPECTED[f] as Record<string, GoldenTensor>;
    const got = readNpz(golden(f), f);
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) {
      assert.equal(got[k]!.dtype, w.dtype, k);
      assert.deepEqual(got[k]!.shape, w.shape, k);
      assert.equal(hexOf(got[k]!), w.hex, k);
    }
  });
}

test('writeNpz round-trips stored and compressed archives', () => {
  const dict = {
    x: tensor('float32', [2, 2], new Float32Array([1, 2, 3, NaN])),
    y: tensor('int64', [3], new BigInt64Array([1n, -1n, 2n ** 62n])),
    z: tensor('bool', [0], new Uint8Array(0)),
    big: tensor('float64', [4096], new Float64Array(4096).fill(0.5)),
  };
  for (const compress of [false, true]) {
    const bytes = writeNpz(dict, { compress });
    const methods = listZip(bytes).map((e) => e.method);
    assert.deepEqual(methods, compress ? [8, 8, 8, 8] : [0, 0, 0, 0]);
    const back = readNpz(bytes);
    if (!compress) assert.equal(back.x!.data.buffer, bytes.buffer, 'stored entries are read without a copy');
    for (const [k, t] of Object.entries(dict)) assert.equal(hexOf(back[k]!), hexOf(t), `${k} compress=${compress}`);
  }
  assert.ok(writeNpz(dict, { compress: true }).byteLength < writeNpz(dict).byteLength / 4);
});

test('bad npz input names the archive and the entry', () => {
  assert.throws(() => readNpz(new Uint8Array([1, 2, 3, 4]), 'a.npz'), /a\.npz@0 \(magic\): bad magic/);
  const npy = writeNpy(tensor('float32', [4], new Float32Array(4)));
  const bad = writeZip([{ name: 'w.npy', data: npy.subarray(0, npy.length - 2) }]);
  assert.throws(() => readNpz(bad, 'b.npz'), /b\.npz:w\.npy@128 \(data\): truncated/);
  const bomb = writeZip([{ name: 'z.npy', data: new Uint8Array(3_000_000), compress: true }]);
  assert.throws(() => readNpz(bomb, 'c.npz', { maxTotalBytes: 1_000_000 }), /zip bomb guard/);
});
