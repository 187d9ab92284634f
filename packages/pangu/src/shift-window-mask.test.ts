import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readNpy } from '@weatherlearn/tensor-io';
import { getShiftWindowMask } from './shift-window-mask.js';
import { needsRef, refDir } from '../test/helpers.js';

test('shift-window mask equals the PyTorch buffer of layer1.blocks.1 (padded grid 4×12×24)', { skip: needsRef }, () => {
  const ref = readNpy(readFileSync(path.join(refDir, 'attn_mask_layer1_block1.npy')));
  assert.deepEqual(ref.shape, [2, 4, 144, 144]);
  const ours = getShiftWindowMask([4, 12, 24], [2, 6, 12], [1, 3, 6]);
  assert.equal(ours.length, ref.data.length);
  let diff = 0;
  for (let i = 0; i < ours.length; i++) if ((ours[i] === -100 ? 1 : 0) !== Number(ref.data[i])) diff++;
  assert.equal(diff, 0, `${diff} entries differ`);
});

test('mask shape (nLon, nPl·nLat, N, N), symmetric, zero on the diagonal, only the last windows masked', () => {
  const res: [number, number, number] = [4, 6, 12];
  const win: [number, number, number] = [2, 3, 4];
  const m = getShiftWindowMask(res, win, [1, 1, 2]);
  const nLon = 3, T = 4, N = 24;
  assert.equal(m.length, nLon * T * N * N);
  const at = (x: number, t: number, a: number, b: number) => m[((x * T + t) * N + a) * N + b]!;
  for (let x = 0; x < nLon; x++) {
    for (let t = 0; t < T; t++) {
      let masked = 0;
      for (let a = 0; a < N; a++) {
        assert.equal(at(x, t, a, a), 0);
        for (let b = 0; b < N; b++) {
          assert.equal(at(x, t, a, b), at(x, t, b, a));
          assert.ok(at(x, t, a, b) === 0 || at(x, t, a, b) === -100);
          if (at(x, t, a, b) !== 0) masked++;
        }
      }
      const last = x === nLon - 1 || t % 2 === 1 || t >= 2;
      assert.equal(masked > 0, last, `window lon ${x} type ${t}`);
    }
  }
});
