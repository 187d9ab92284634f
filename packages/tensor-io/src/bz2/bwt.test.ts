import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortRotations } from './bwt.js';

function naive(block: Uint8Array): number[] {
  const n = block.length;
  const rot = (i: number): string => Array.from({ length: n }, (_, k) => String.fromCharCode(block[(i + k) % n])).join('');
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => (rot(a) < rot(b) ? -1 : rot(a) > rot(b) ? 1 : 0));
}

/** The BWT last column from an order (equal rotations may be permuted, the column may not). */
function lastColumn(block: Uint8Array, order: ArrayLike<number>): string {
  const n = block.length;
  return Array.from(order, (i) => String.fromCharCode(block[(i + n - 1) % n])).join('');
}

test('sortRotations orders cyclic rotations like a naive sort', () => {
  let seed = 12345;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 16;
  for (let trial = 0; trial < 60; trial++) {
    const n = 1 + (rnd() % 40);
    const alpha = 1 + (rnd() % 4);
    const block = Uint8Array.from({ length: n }, () => 97 + (rnd() % alpha));
    const got = sortRotations(block, n);
    const want = naive(block);
    assert.equal(lastColumn(block, got), lastColumn(block, want), `block ${Buffer.from(block).toString()}`);
    assert.deepEqual([...got].sort((a, b) => a - b), want.slice().sort((a, b) => a - b));
  }
});

test('sortRotations handles periodic and constant blocks', () => {
  for (const s of ['abababab', 'aaaaaaa', 'abcabcabcabc', 'banana']) {
    const block = new TextEncoder().encode(s);
    assert.equal(lastColumn(block, sortRotations(block, block.length)), lastColumn(block, naive(block)), s);
  }
});
