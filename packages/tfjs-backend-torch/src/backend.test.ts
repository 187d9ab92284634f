import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand, useTorch } from './testing.js';
import { getFallbackCalls, resetFallbackCalls } from './fallback.js';
import { loadBinding, TorchNotBuiltError } from './native.js';
import { registerTorchBackend } from './register.js';
import type { TorchBackend } from './backend.js';

test('a missing addon is reported as "libtorch backend not built: <reason>"', () => {
  assert.throws(() => loadBinding('/nonexistent/tfjs_torch.node'),
    (e: unknown) => e instanceof TorchNotBuiltError && /^libtorch backend not built: \/nonexistent\/tfjs_torch\.node is missing \(run npm run build:native/.test((e as Error).message));
});

test('read/readSync/dispose/memory follow the tfjs contract; libtorch frees at once', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  const be = tf.backend() as unknown as TorchBackend;
  const ids0 = be.numDataIds(), live0 = be.numLiveNative();
  const x = tf.tensor([1, 2, 3, 4], [2, 2]);
  assert.equal(be.numLiveNative(), live0, 'written values stay in JS until a kernel needs them');
  const y = tf.mul(x, 2);
  assert.equal(be.numLiveNative(), live0 + 2, 'x uploaded, y computed in libtorch');
  assert.deepEqual(Array.from(y.dataSync()), [2, 4, 6, 8]);
  assert.deepEqual(Array.from(await y.data()), [2, 4, 6, 8]);
  const r = tf.reshape(y, [4]);
  assert.deepEqual(r.shape, [4]);
  const mem = tf.memory() as tf.MemoryInfo & { numBytesInTorch?: number };
  assert.equal(mem.unreliable, false);
  assert.ok((mem.numBytesInTorch ?? 0) >= 48, 'bytes of x, y and r are counted');
  tf.dispose([x, y, r]);
  assert.equal(be.numDataIds(), ids0);
  assert.equal(be.numLiveNative(), live0, 'disposing frees the libtorch tensors immediately');
});

test('a tensor created on the cpu backend moves to torch when used there', { skip: TORCH_SKIP }, async () => {
  await initEngine({ backend: 'cpu' });
  const x = tf.tensor([1, -2, 3], [3]);
  await useTorch();
  const y = tf.abs(x);
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3]);
  tf.dispose([x, y]);
});

test('kernels without a native version run on the cpu fallback and still equal the cpu backend', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => [tf.cumsum(rand([3, 4], 3), 1), tf.mirrorPad(rand([2, 3], 4), [[1, 1], [2, 0]], 'reflect'),
    tf.maxPool(rand([1, 4, 4, 2], 1) as tf.Tensor4D, 2, 2, 'valid')], { allowFallback: ['Cumsum', 'MirrorPad', 'MaxPool'] });
  resetFallbackCalls();
  await useTorch();
  tf.tidy(() => tf.cumsum(tf.tensor([1, 2])).dataSync());
  tf.tidy(() => tf.range(0, 3).dataSync());
  assert.deepEqual([...getFallbackCalls()], [['Cumsum', 1]], 'fallbacks are counted; Range only computes a constant and is not');
});

test('string tensors stay in JS and work through the fallback', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  const s = tf.tensor(['a', 'bb', 'ccc']);
  const r = tf.reshape(tf.tile(s, [2]), [2, 3]);
  assert.deepEqual(r.arraySync(), [['a', 'bb', 'ccc'], ['a', 'bb', 'ccc']]);
  tf.dispose([s, r]);
});

test('asking for CUDA on a CPU-only libtorch fails with a clear error', { skip: TORCH_SKIP }, async (t) => {
  const info = await registerTorchBackend();
  if (info.cudaDevices > 0) { t.skip('a CUDA libtorch with a GPU: this checks CPU-only builds'); return; }
  await assert.rejects(registerTorchBackend({ device: 'cuda' }), /CUDA is not available/);
  const back = await registerTorchBackend({ device: 'cpu' });
  assert.equal(back.device, 'cpu');
  assert.match(back.libtorch, /^\d+\.\d+/);
  assert.ok(back.nativeKernels.includes('BatchMatMul') && back.nativeKernels.includes('Conv2DBackpropFilter'));
});
