import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { WindowPartition, WindowReverse } from './window.js';

before(async () => { await initEngine({ backend: 'wasm' }); });

test('window_partition((1,8,186,360,1),(2,6,12)) has shape (30,124,2,6,12,1) as in the upstream tests', () => {
  tf.tidy(() => {
    const w = WindowPartition(tf.zeros([1, 8, 186, 360, 1]) as tf.Tensor5D, [2, 6, 12]);
    assert.deepEqual(w.shape, [30, 124, 2, 6, 12, 1]);
  });
});

test('windows hold the right tokens: lon windows on the batch axis, (pl, lat) window type on axis 1', () => {
  tf.tidy(() => {
    const [B, P, Y, X] = [2, 4, 6, 8];
    const x = tf.reshape(tf.range(0, B * P * Y * X), [B, P, Y, X, 1]) as tf.Tensor5D;
    const w = WindowPartition(x, [2, 3, 4]);
    assert.deepEqual(w.shape, [B * 2, 2 * 2, 2, 3, 4, 1]);
    const v = w.arraySync() as number[][][][][][];
    const flat = (b: number, p: number, y: number, xx: number) => ((b * P + p) * Y + y) * X + xx;
    // batch 1, lon window 1, type (pl window 1, lat window 0), inner (1, 2, 3)
    assert.equal(v[1 * 2 + 1]![1 * 2 + 0]![1]![2]![3]![0], flat(1, 2 + 1, 0 + 2, 4 + 3));
    const back = WindowReverse(w, [2, 3, 4], P, Y, X);
    assert.deepEqual(back.shape, [B, P, Y, X, 1]);
    assert.equal(tf.max(tf.abs(tf.sub(back, x))).dataSync()[0], 0);
  });
});

test('partition rejects a grid that is not a multiple of the window', () => {
  tf.tidy(() => {
    assert.throws(() => WindowPartition(tf.zeros([1, 4, 7, 24, 1]) as tf.Tensor5D, [2, 6, 12]), /Lat of size 7 is not a multiple of the window 6/);
  });
});
