import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { Init } from '@weatherlearn/engine/nn';
import { Rng } from '@weatherlearn/engine/rng';
import { PatchRecovery2D } from './patch-recovery-2d.js';
import { PatchRecovery3D } from './patch-recovery-3d.js';

before(async () => { await initEngine({ backend: 'wasm' }); });

const rand = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.cos(seed * 77 + i * 3.1) * 0.5);

test('PatchRecovery2D equals ConvTranspose2d(k = stride) + centre crop 8 → 5 rows', () => {
  const [B, Cin, Cout, Ht, Wt, ph, pw] = [2, 3, 2, 2, 2, 4, 4];
  const pr = new PatchRecovery2D([5, 8], [ph, pw], Cin, Cout, new Init({ rng: new Rng(0) }));
  const w = rand(Cin * Cout * ph * pw, 1), bias = rand(Cout, 2), x = rand(B * Cin * Ht * Wt, 3); // x in NCHW
  pr.weight.assign(tf.tensor4d(w, [Cin, Cout, ph, pw])); // torch layout (Cin, Cout, kh, kw)
  pr.bias.assign(tf.tensor1d(bias));
  const y = tf.tidy(() => pr.forward(tf.transpose(tf.tensor4d(x, [B, Cin, Ht, Wt]), [0, 2, 3, 1]) as tf.Tensor4D).arraySync() as number[][][][]);
  assert.equal(y[0]![0]!.length, 5);
  const top = 1; // 8 - 5 = 3 → 1 top, 2 bottom
  for (let b = 0; b < B; b++) for (let o = 0; o < Cout; o++) for (let r = 0; r < 5; r++) for (let q = 0; q < 8; q++) {
    const R = r + top, i = Math.floor(R / ph), u = R % ph, j = Math.floor(q / pw), v = q % pw;
    let s = bias[o]!;
    for (let c = 0; c < Cin; c++) s += x[((b * Cin + c) * Ht + i) * Wt + j]! * w[((c * Cout + o) * ph + u) * pw + v]!;
    assert.ok(Math.abs(y[b]![o]![r]![q]! - s) < 1e-5, `(${b},${o},${r},${q})`);
  }
});

test('PatchRecovery3D equals ConvTranspose3d + crop of levels 6 → 5 (front 0, back 1)', () => {
  const [Cin, Cout, Lt, Ht, Wt] = [2, 2, 3, 1, 1];
  const [pp, ph, pw] = [2, 2, 2];
  const pr = new PatchRecovery3D([5, 2, 2], [pp, ph, pw], Cin, Cout, new Init({ rng: new Rng(0) }));
  const w = rand(Cin * Cout * 8, 4), x = rand(Cin * Lt, 5);
  pr.weight.assign(tf.tensor5d(w, [Cin, Cout, pp, ph, pw]));
  pr.bias.assign(tf.zeros([Cout]));
  const y = tf.tidy(() => pr.forward(tf.transpose(tf.tensor5d(x, [1, Cin, Lt, Ht, Wt]), [0, 2, 3, 4, 1]) as tf.Tensor5D).arraySync() as number[][][][][]);
  assert.deepEqual([y[0]!.length, y[0]![0]!.length], [Cout, 5]);
  for (let o = 0; o < Cout; o++) for (let z = 0; z < 5; z++) for (let r = 0; r < 2; r++) for (let q = 0; q < 2; q++) {
    const l = Math.floor(z / pp), a = z % pp;
    let s = 0;
    for (let c = 0; c < Cin; c++) s += x[c * Lt + l]! * w[(((c * Cout + o) * pp + a) * ph + r) * pw + q]!;
    assert.ok(Math.abs(y[0]![o]![z]![r]![q]! - s) < 1e-5, `(${o},${z},${r},${q})`);
  }
});
