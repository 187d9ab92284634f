import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { Init } from '@weatherlearn/engine/nn';
import { Rng } from '@weatherlearn/engine/rng';
import { PatchEmbed2D } from './patch-embed-2d.js';
import { PatchEmbed3D } from './patch-embed-3d.js';

before(async () => { await initEngine({ backend: 'wasm' }); });

const rand = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 1000 + i * 12.9898) * 0.5);

const init = () => new Init({ rng: new Rng(0) });

/** Loads a PyTorch-layout Conv weight through the state dict (our layout is torch's). */
function loadConv(pe: PatchEmbed2D | PatchEmbed3D, torch: Float32Array): void {
  const sd = pe.stateDict();
  pe.loadStateDict({ ...sd, 'proj.weight': { ...sd['proj.weight']!, data: torch } });
}

test('PatchEmbed2D equals a direct zero-padded stride-k Conv2d (lat 5 → 8: pad 1 top, 2 bottom)', () => {
  const [B, C, H, W, E, ph, pw] = [2, 3, 5, 8, 4, 4, 4];
  const pe = new PatchEmbed2D([H, W], [ph, pw], C, E, init());
  const w = rand(E * C * ph * pw, 1), bias = rand(E, 2), x = rand(B * C * H * W, 3);
  loadConv(pe, w);
  pe.bias.assign(tf.tensor1d(bias));
  const Ht = 2, Wt = 2, top = 1; // 5 → 8 rows: pad 3 = 1 top + 2 bottom
  const y = tf.tidy(() => pe.forward(tf.tensor4d(x, [B, C, H, W])).arraySync() as number[][][][]);
  for (let b = 0; b < B; b++) for (let i = 0; i < Ht; i++) for (let j = 0; j < Wt; j++) for (let e = 0; e < E; e++) {
    let s = bias[e]!;
    for (let c = 0; c < C; c++) for (let u = 0; u < ph; u++) for (let v = 0; v < pw; v++) {
      const r = i * ph + u - top, q = j * pw + v;
      if (r < 0 || r >= H) continue;
      s += w[((e * C + c) * ph + u) * pw + v]! * x[((b * C + c) * H + r) * W + q]!;
    }
    assert.ok(Math.abs(y[b]![i]![j]![e]! - s) < 1e-5, `(${b},${i},${j},${e}): ${y[b]![i]![j]![e]} vs ${s}`);
  }
});

test('PatchEmbed3D equals a direct zero-padded stride-k Conv3d (levels 5 → pad 0/1)', () => {
  const [B, C, L, H, W, E] = [1, 2, 5, 4, 4, 3];
  const [pp, ph, pw] = [2, 2, 2];
  const pe = new PatchEmbed3D([L, H, W], [pp, ph, pw], C, E, init());
  const w = rand(E * C * pp * ph * pw, 4), x = rand(B * C * L * H * W, 5);
  loadConv(pe, w);
  pe.bias.assign(tf.zeros([E]));
  const y = tf.tidy(() => pe.forward(tf.tensor5d(x, [B, C, L, H, W])).arraySync() as number[][][][][]);
  assert.equal(y[0]!.length, 3);
  for (let l = 0; l < 3; l++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let e = 0; e < E; e++) {
    let s = 0;
    for (let c = 0; c < C; c++) for (let a = 0; a < pp; a++) for (let u = 0; u < ph; u++) for (let v = 0; v < pw; v++) {
      const z = l * pp + a;
      if (z >= L) continue; // back padding
      s += w[(((e * C + c) * pp + a) * ph + u) * pw + v]! * x[(((c) * L + z) * H + i * ph + u) * W + j * pw + v]!;
    }
    assert.ok(Math.abs(y[0]![l]![i]![j]![e]! - s) < 1e-5, `(${l},${i},${j},${e})`);
  }
});

test('PatchEmbed2D names the expected input size on a mismatch', () => {
  const pe = new PatchEmbed2D([8, 8], [4, 4], 3, 4, init());
  assert.throws(() => tf.tidy(() => pe.forward(tf.zeros([1, 3, 9, 8]) as tf.Tensor4D)), /does not match the model \(B, 3, 8, 8\)/);
});
