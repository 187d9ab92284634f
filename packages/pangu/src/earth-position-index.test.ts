import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readNpy } from '@weatherlearn/tensor-io';
import { getEarthPositionIndex } from './earth-position-index.js';
import { needsRef, refDir } from '../test/helpers.js';

test('earth position index equals the PyTorch buffer for window (2,6,12)', { skip: needsRef }, () => {
  const ref = readNpy(readFileSync(path.join(refDir, 'earth_position_index.npy')));
  assert.deepEqual(ref.shape, [144, 144]);
  const ours = getEarthPositionIndex([2, 6, 12]);
  assert.equal(ours.length, ref.data.length);
  let diff = 0;
  for (let i = 0; i < ours.length; i++) if (ours[i] !== Number(ref.data[i])) diff++;
  assert.equal(diff, 0, `${diff} entries differ`);
});

test('earth position index maps (query, key) pairs of equal relative lon offset to the same row, within the table', () => {
  const w: [number, number, number] = [2, 3, 4];
  const idx = getEarthPositionIndex(w);
  const N = 24;
  const rows = 2 * 2 * 3 * 3 * (2 * 4 - 1);
  assert.equal(idx.length, N * N);
  const used = new Set(idx);
  assert.ok(Math.max(...idx) < rows && Math.min(...idx) >= 0);
  assert.equal(used.size, rows, 'every table row is used');
  // Shifting query and key together along longitude keeps the row (translation invariance in lon).
  assert.equal(idx[0 * N + 1], idx[1 * N + 2]);
  // … but not along latitude (earth-specific): query lat 0→1 with key lat 0→1 changes the row.
  assert.notEqual(idx[0 * N + 0], idx[4 * N + 4]);
});
