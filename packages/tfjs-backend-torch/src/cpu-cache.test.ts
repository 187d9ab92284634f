import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '@weatherlearn/engine';
import { gelu } from '@weatherlearn/engine/nn';
import { ADDON_PATH, loadBinding } from './native.js';
import { registerTorchBackend } from './register.js';
import { TORCH_SKIP, useTorch } from './testing.js';

const MiB = 2 ** 20;

test('the CPU block cache reuses freed blocks of a size, stays within its limit and gives memory back', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  const native = loadBinding(ADDON_PATH);
  const on = native.cpuCache(true, 8 * MiB);
  assert.equal(on.on, true);
  native.cpuCacheEmpty();
  const before = native.cpuCache();
  // 1 MiB of float32: above the 64 KiB floor, so the cache serves it
  const a = tf.fill([256, 1024], 2);
  const b = tf.add(a, 1);
  const inUse = native.cpuCache().inUseBytes;
  assert.ok(inUse - before.inUseBytes >= 2 * MiB, `two 1 MiB tensors in use: ${inUse - before.inUseBytes}`);
  b.dispose();
  assert.equal(native.cpuCache().cachedBytes, MiB, 'the freed block is cached');
  const hits = native.cpuCache().hits;
  const c = tf.mul(a, 3);
  assert.equal(native.cpuCache().hits, hits + 1, 'the same size is served from the cache');
  assert.equal(native.cpuCache().cachedBytes, 0);
  assert.deepEqual(Array.from((await c.data()).slice(0, 3)), [6, 6, 6], 'a reused block holds the new values');
  tf.dispose([a, c]);
  // 12 tensors of 1 MiB freed together: only 8 fit under the limit, the rest go back to the kernel
  const many = Array.from({ length: 12 }, (_, i) => tf.fill([256, 1024], i));
  tf.dispose(many);
  const s = native.cpuCache();
  assert.ok(s.cachedBytes <= 8 * MiB && s.cachedBytes >= 7 * MiB, `cached ${s.cachedBytes / MiB} MiB with an 8 MiB limit`);
  assert.equal(native.cpuCacheEmpty().cachedBytes, 0);
});

test('kernels that take scratch memory from the allocator (raw_allocate) run on cached blocks and agree with the cache off', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  const native = loadBinding(ADDON_PATH);
  const x = tf.randomNormal([64, 4096], 0, 1, 'float32', 3);
  const run = () => {
    // gelu's CPU kernel takes its scratch buffer through raw_allocate
    const f = (t: tf.Tensor) => tf.sum(gelu(tf.softmax(tf.matMul(t, t, false, true))));
    const [y, g] = tf.tidy(() => [f(x), tf.grad(f)(x)] as const);
    const out = [Array.from(y.dataSync()), Array.from(g.dataSync())];
    tf.dispose([y, g]);
    return out;
  };
  native.cpuCache(false);
  const plain = run();
  native.cpuCache(true, 256 * MiB);
  const cached = run();
  const again = run();
  assert.deepEqual(cached, plain, 'same values with the cache on');
  assert.deepEqual(again, plain, 'and when every block is a reused one');
  assert.ok(native.cpuCache().hits > 0);
  x.dispose();
});

test('registerTorchBackend applies cpuCacheMiB (0 turns the cache off) and refuses a negative one', { skip: TORCH_SKIP }, async () => {
  const native = loadBinding(ADDON_PATH);
  assert.equal((await registerTorchBackend({ cpuCacheMiB: 0 })).cpuCacheMiB, 0);
  assert.equal(native.cpuCache().on, false);
  const info = await registerTorchBackend({ cpuCacheMiB: 64 });
  assert.equal(info.cpuCacheMiB, 64);
  assert.deepEqual([native.cpuCache().on, native.cpuCache().limitBytes], [true, 64 * MiB]);
  await assert.rejects(registerTorchBackend({ cpuCacheMiB: -1 }), /cpuCacheMiB must be a number ≥ 0 \(0 turns the CPU block cache off\), got -1/);
  await registerTorchBackend({});
  assert.equal(native.cpuCache().limitBytes, 1024 * MiB, 'default 1 GiB');
});
