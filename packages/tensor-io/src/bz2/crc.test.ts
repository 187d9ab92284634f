import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bz2Crc, bz2CombineCrc, bz2CrcUpdate } from './crc.js';

test('bz2Crc matches the CRC-32/BZIP2 check value', () => {
  assert.equal(bz2Crc(new TextEncoder().encode('123456789')), 0xfc891918);
  assert.equal(bz2Crc(new Uint8Array(0)), 0);
});

test('bz2CrcUpdate is incremental', () => {
  const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
  const whole = bz2Crc(data);
  const half = bz2CrcUpdate(0xffffffff, data, 0, 400);
  assert.equal(~bz2CrcUpdate(half, data, 400) >>> 0, whole);
});

test('bz2CombineCrc rotates left by one and xors', () => {
  assert.equal(bz2CombineCrc(0x80000001, 0), 0x00000003);
  assert.equal(bz2CombineCrc(0, 0xdeadbeef), 0xdeadbeef);
});
