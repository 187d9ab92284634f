import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { Crop2D, Crop3D } from './crop.js';
import { roll, zeroPad3d } from './pad.js';
import { getPad3d, padded } from './geometry.js';

before(async () => { await initEngine({ backend: 'wasm' }); });

test('Crop3D undoes the window padding for any grid, including zero padding on some axes', () => {
  tf.tidy(() => {
    for (const res of [[1, 75, 75], [8, 181, 360], [4, 7, 24], [2, 6, 12]] as [number, number, number][]) {
      const pad = getPad3d(res, [2, 6, 12]);
      const x = tf.randomNormal([1, ...res, 1]) as tf.Tensor5D;
      const p = zeroPad3d(x, pad);
      assert.deepEqual(p.shape.slice(1, 4), padded(res, pad));
      const c = Crop3D(p, res);
      assert.deepEqual(c.shape, x.shape);
      assert.equal(tf.max(tf.abs(tf.sub(c, x))).dataSync()[0], 0, `grid ${res}`);
    }
  });
});

test('Crop2D centre-crops NCHW and NHWC (smaller half before)', () => {
  tf.tidy(() => {
    const x = tf.reshape(tf.range(0, 28 * 8), [1, 1, 28, 8]) as tf.Tensor4D;
    const c = Crop2D(x, [25, 5]);
    assert.deepEqual(c.shape, [1, 1, 25, 5]);
    assert.equal(c.dataSync()[0], 1 * 8 + 1); // top 1 (3 → 1/2), left 1 (3 → 1/2)
    const h = Crop2D(tf.transpose(x, [0, 2, 3, 1]) as tf.Tensor4D, [25, 5], 'nhwc');
    assert.deepEqual(h.shape, [1, 25, 5, 1]);
    assert.throws(() => Crop2D(x, [30, 8]), /latitude 28 is smaller than the target 30/);
  });
});

test('roll matches torch.roll semantics and inverts', () => {
  tf.tidy(() => {
    const x = tf.tensor1d([0, 1, 2, 3, 4]);
    assert.deepEqual(Array.from(roll(x, [2], [0]).dataSync()), [3, 4, 0, 1, 2]);
    assert.deepEqual(Array.from(roll(x, [-1], [0]).dataSync()), [1, 2, 3, 4, 0]);
    const y = tf.randomNormal([1, 2, 6, 12, 3]);
    const back = roll(roll(y, [-1, -3, -6], [1, 2, 3]), [1, 3, 6], [1, 2, 3]);
    assert.equal(tf.max(tf.abs(tf.sub(back, y))).dataSync()[0], 0);
  });
});
