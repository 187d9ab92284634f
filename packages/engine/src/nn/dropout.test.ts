import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { Rng } from '../random/rng.js';
import { Module, Dropout, DropPath, dropPath, dropout } from './index.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

class Holder extends Module {
  readonly drop_path = this.child('drop_path', new DropPath(0.3));
}

test('identity in eval (module flag or options), whatever the rng', () => {
  const x = tf.ones([4, 3]);
  const dp = new DropPath(0.5).eval();
  assert.equal(dp.forward(x), x);
  assert.equal(new Dropout(0.5).forward(x, { training: false }), x);
  assert.equal(dropPath(x, 0.5), x, 'the functional form defaults to evaluation');
  assert.equal(dropPath(x, 0, { training: true }), x, 'rate 0 needs no generator');
  x.dispose();
});

test('training without an rng is an error naming the layer', () => {
  const h = new Holder();
  assert.throws(() => h.drop_path.forward(tf.ones([2, 2])), /DropPath \(drop_path\): training with rate 0\.3 needs a seeded generator/);
  assert.throws(() => dropout(tf.ones([2]), 0.1, { training: true }, 'layer1.blocks.0.mlp'), /layer1\.blocks\.0\.mlp/);
  assert.throws(() => new Dropout(1), /\[0, 1\)/);
});

test('DropPath: per-sample keep/drop, kept rows scaled 1/(1−p), ~p dropped; same rng state, same mask', () => {
  const B = 4000, p = 0.25;
  const x = tf.ones([B, 2, 3]);
  const dp = new DropPath(p);
  const rng = new Rng(7);
  const s = rng.state();
  const y = tf.reshape(dp.forward(x, { rng }), [B, 6]).arraySync() as number[][];
  const dropped = y.filter((r) => r.every((v) => v === 0)).length;
  assert.ok(y.every((r) => r.every((v) => v === 0) || r.every((v) => Math.abs(v - 1 / (1 - p)) < 1e-6)), 'whole samples');
  assert.ok(Math.abs(dropped / B - p) < 0.03, `dropped ${dropped / B}`);
  const again = tf.reshape(dp.forward(x, { rng: Rng.fromState(s) }), [B, 6]).arraySync();
  assert.deepEqual(again, y, 'resuming from the saved generator state reproduces the mask');
  const next = tf.reshape(dp.forward(x, { rng }), [B, 6]).arraySync();
  assert.notDeepEqual(next, y, 'the stream advances');
  x.dispose();
});

test('Dropout: element-wise, mean preserved', () => {
  const p = 0.2;
  const y = new Dropout(p).forward(tf.ones([100, 100]), { rng: new Rng(1) }).dataSync();
  const zeros = y.filter((v) => v === 0).length / y.length;
  assert.ok(Math.abs(zeros - p) < 0.02, `zeros ${zeros}`);
  assert.ok(y.every((v) => v === 0 || Math.abs(v - 1.25) < 1e-6));
});
