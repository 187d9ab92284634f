import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignCodes, buildCodeLengths, buildDecoder } from './huffman.js';

test('buildCodeLengths respects the length limit and the Kraft inequality', () => {
  // Fibonacci frequencies give a maximally deep Huffman tree (depth = alphabet size − 1).
  const freq = [1, 1];
  while (freq.length < 40) freq.push(freq[freq.length - 1] + freq[freq.length - 2]);
  const out = new Uint8Array(freq.length);
  buildCodeLengths(freq, freq.length, 17, out);
  let kraft = 0;
  for (const l of out) { assert.ok(l >= 1 && l <= 17, `length ${l}`); kraft += 2 ** -l; }
  assert.ok(kraft <= 1 + 1e-12);
  // Frequent symbols never get longer codes than rare ones.
  assert.ok(out[39] <= out[0]);
});

test('buildDecoder decodes every canonical code back to its symbol', () => {
  const lengths = Uint8Array.from([3, 3, 3, 3, 2, 4, 4, 12, 12]);
  const dec = buildDecoder(lengths, lengths.length);
  assert.ok(typeof dec !== 'string');
  const codes = new Int32Array(lengths.length);
  assignCodes(lengths, lengths.length, codes);
  for (let s = 0; s < lengths.length; s++) {
    const peek = codes[s] << (20 - lengths[s]);
    const e: number = dec.lut[peek >>> 10];
    if (lengths[s] <= 10) {
      assert.equal(e >>> 5, s);
      assert.equal(e & 31, lengths[s]);
    } else {
      assert.equal(e, 0);
      let len = 11;
      while (peek >>> (20 - len) > dec.limit[len]) len++;
      assert.equal(dec.perm[(peek >>> (20 - len)) - dec.base[len]], s);
    }
  }
});

test('buildDecoder rejects over-subscribed lengths', () => {
  assert.match(String(buildDecoder(Uint8Array.from([1, 1, 1]), 3)), /over-subscribe/);
});
