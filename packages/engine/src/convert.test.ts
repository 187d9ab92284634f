import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, floatToHalf, floatToBfloat16 } from '@weatherlearn/tensor-io';
import { castTensor, fromTf, initEngine, setPrecision, resetEngineSettings, tf, toTf } from './index.js';

test('toTf/fromTf round-trip float32, int32 and bool on wasm and cpu', async () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    await initEngine({ backend });
    const f = tensor('float32', [2, 2], new Float32Array([1.5, -2, 3, 4]));
    const back = await fromTf(tf.mul(toTf(f), 2));
    assert.equal(back.dtype, 'float32');
    assert.deepEqual(back.shape, [2, 2]);
    assert.deepEqual(back.data, new Float32Array([3, -4, 6, 8]));
    assert.deepEqual((await fromTf(toTf(tensor('int32', [3], new Int32Array([7, -8, 9]))))).data, new Int32Array([7, -8, 9]));
    assert.deepEqual((await fromTf(toTf(tensor('bool', [2], new Uint8Array([1, 0]))))).data, new Uint8Array([1, 0]));
  }
});

test('toTf widens float16/bfloat16/float64 to float32 and small ints / int64 to int32', async () => {
  await initEngine({ backend: 'cpu' });
  const h = tensor('float16', [2], new Uint16Array([floatToHalf(0.5), floatToHalf(-3)]));
  assert.deepEqual(await toTf(h).data(), new Float32Array([0.5, -3]));
  const b = tensor('bfloat16', [1], new Uint16Array([floatToBfloat16(2.5)]));
  assert.deepEqual(await toTf(b).data(), new Float32Array([2.5]));
  assert.equal(toTf(tensor('float64', [1], new Float64Array([0.1]))).dtype, 'float32');
  const i64 = toTf(tensor('int64', [2], new BigInt64Array([5n, -6n])));
  assert.equal(i64.dtype, 'int32');
  assert.deepEqual(await i64.data(), new Int32Array([5, -6]));
  assert.deepEqual(await toTf(tensor('uint8', [2], new Uint8Array([200, 3]))).data(), new Int32Array([200, 3]));
});

test('toTf rejects int64 values outside int32, naming the index', () => {
  assert.throws(() => toTf(tensor('int64', [2], new BigInt64Array([1n, 2n ** 40n]))), /int64 value 1099511627776 at index 1 does not fit in int32/);
});

test('fromTf converts to a requested dtype and to the engine precision with dtype auto', async () => {
  await initEngine({ backend: 'cpu' });
  const x = tf.tensor1d([1, -2.5]);
  const h = await fromTf(x, { dtype: 'float16' });
  assert.equal(h.dtype, 'float16');
  assert.deepEqual(h.data, new Uint16Array([floatToHalf(1), floatToHalf(-2.5)]));
  setPrecision('bfloat16');
  try {
    assert.equal((await fromTf(x, { dtype: 'auto' })).dtype, 'bfloat16');
    assert.equal((await fromTf(tf.tensor1d([1], 'int32'), { dtype: 'auto' })).dtype, 'int32');
  } finally {
    resetEngineSettings();
  }
  assert.deepEqual(castTensor(tensor('float32', [2], new Float32Array([1.9, -1.9])), 'int64').data, new BigInt64Array([1n, -1n]));
  assert.throws(() => setPrecision('float8' as never), /precision must be one of float32, float16, bfloat16/);
});
