import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSafetensors, readSafetensorsWithMetadata, writeSafetensors } from './safetensors.js';
import { tensor, zeros, type DType } from '../tensor.js';
import { EXPECTED, golden, hexOf, type GoldenTensor } from '../../test/golden/golden.js';

test('golden safetensors (written per the spec in Python) reads back exactly', () => {
  const want = EXPECTED['st_basic.safetensors'] as Record<string, GoldenTensor>;
  const { tensors, metadata } = readSafetensorsWithMetadata(golden('st_basic.safetensors'), 'st_basic.safetensors');
  assert.deepEqual(metadata, { format: 'pt', source: 'make_golden.py' });
  assert.deepEqual(Object.keys(tensors).sort(), Object.keys(want).sort());
  for (const [k, w] of Object.entries(want)) {
    assert.equal(tensors[k]!.dtype, w.dtype, k);
    assert.deepEqual(tensors[k]!.shape, w.shape, k);
    assert.equal(hexOf(tensors[k]!), w.hex, k);
  }
});

test('writeSafetensors is byte-identical to the spec layout and round-trips every dtype', () => {
  const bytes = golden('st_basic.safetensors');
  const { tensors, metadata } = readSafetensorsWithMetadata(bytes);
  assert.deepEqual(writeSafetensors(tensors, metadata), bytes);
  const all: DType[] = ['bool', 'uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'uint64', 'int64', 'float16', 'bfloat16', 'float32', 'float64'];
  const dict = Object.fromEntries(all.map((dt, k) => {
    const t = zeros(dt, [2, k % 3 + 1]);
    const raw = new Uint8Array(t.data.buffer);
    raw.forEach((_, i) => { raw[i] = dt === 'bool' ? i & 1 : (i * 13 + k) & 0xff; });
    return [dt, t];
  }));
  const out = writeSafetensors(dict, { a: 'b' });
  const hlen = Number(new DataView(out.buffer).getBigUint64(0, true));
  assert.equal(hlen % 8, 0);
  const back = readSafetensorsWithMetadata(out);
  assert.deepEqual(Object.keys(readSafetensors(out)).sort(), [...all].sort());
  assert.deepEqual(back.metadata, { a: 'b' });
  for (const dt of all) assert.equal(hexOf(back.tensors[dt]!), hexOf(dict[dt]!), dt);
});

function craft(header: object, data: number): Uint8Array {
  const h = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + data);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  return out;
}

test('bad safetensors give clear errors naming file, tensor and offset', () => {
  const f = 'm.safetensors';
  assert.throws(() => readSafetensors(new Uint8Array(4), f), /m\.safetensors@0: truncated/);
  const huge = new Uint8Array(16); new DataView(huge.buffer).setBigUint64(0, 2n ** 60n, true);
  assert.throws(() => readSafetensors(huge, f), /header length \d+ is over/);
  const long = new Uint8Array(16); new DataView(long.buffer).setBigUint64(0, 100n, true);
  assert.throws(() => readSafetensors(long, f), /truncated: header of 100 bytes/);
  assert.throws(() => readSafetensors(craft({ a: { dtype: 'F8_E4M3', shape: [1], data_offsets: [0, 1] } }, 1), f), /\(a\): unsupported dtype "F8_E4M3"/);
  assert.throws(() => readSafetensors(craft({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 4), f), /\(a\): wrong size: float32\[2\] needs 8 bytes/);
  assert.throws(() => readSafetensors(craft({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 4), f), /\(a\): truncated/);
  assert.throws(() => readSafetensors(craft({ a: { dtype: 'U8', shape: [2], data_offsets: [0, 2] }, b: { dtype: 'U8', shape: [2], data_offsets: [1, 3] } }, 3), f), /\(b\): tensor data overlaps/);
  assert.throws(() => readSafetensors(craft({ a: { dtype: 'U8', shape: [2], data_offsets: [2, 4] } }, 4), f), /\(a\): gap of 2 bytes/);
  assert.throws(() => readSafetensors(craft({ a: { dtype: 'U8', shape: [2], data_offsets: [0, 2] } }, 3), f), /wrong size: 1 bytes after the last tensor/);
  const notJson = craft({}, 0); notJson[8] = 0x41;
  assert.throws(() => readSafetensors(notJson, f), /header is not valid JSON/);
  assert.throws(() => writeSafetensors({ __metadata__: tensor('uint8', [1], new Uint8Array(1)) }), /may not be named __metadata__/);
});
