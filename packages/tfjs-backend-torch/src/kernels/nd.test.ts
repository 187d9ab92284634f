import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand, useTorch } from '../testing.js';

test('ExpandDims and Step (alpha, NaN, int32)', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([3, 4], 1);
  await compareWithCpu(() => [tf.expandDims(x(), 0), tf.expandDims(x(), -1), tf.expandDims(x(), 1),
    tf.step(x()), tf.step(x(), 0.3), tf.step(tf.tensor([NaN, -1, 0, 2])), tf.step(tf.tensor([-2, 0, 3], [3], 'int32'))]);
});

test('GatherNd and ScatterNd (duplicate indices summed, slices)', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([4, 3, 2], 1);
  const idx2 = () => tf.tensor2d([[3, 1], [0, 2], [3, 1]], [3, 2], 'int32');
  await compareWithCpu(() => [tf.gatherND(x(), idx2()), tf.gatherND(x(), tf.tensor2d([[2], [0]], [2, 1], 'int32')),
    tf.gatherND(x(), tf.tensor([[[1, 1, 1]], [[0, 2, 0]]], [2, 1, 3], 'int32')),
    tf.scatterND(idx2(), rand([3, 2], 2), [4, 3, 2]), tf.scatterND(tf.tensor2d([[1], [1], [3]], [3, 1], 'int32'), rand([3, 3, 2], 3), [4, 3, 2]),
    tf.scatterND(tf.tensor2d([[0], [2]], [2, 1], 'int32'), tf.tensor([5, 7], [2], 'int32'), [3])]);
});

test('OneHot (on/off values, out-of-range rows, int32 output)', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => [tf.oneHot(tf.tensor1d([0, 2, 1, 5, -1], 'int32'), 3), tf.oneHot(tf.tensor2d([[1, 0], [3, 2]], [2, 2], 'int32'), 4, 2, -1),
    tf.oneHot(tf.tensor1d([1, 0], 'int32'), 2, 1, 0, 'float32')]);
});

test('GatherNd / ScatterNd reject out-of-range indices with a clear error', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  assert.throws(() => tf.gatherND(rand([3, 2], 1), tf.tensor2d([[0, 1], [3, 0]], [2, 2], 'int32')).dataSync(), /GatherNd: index 3 in dimension 0 is not in \[0, 2\]/);
  assert.throws(() => tf.scatterND(tf.tensor2d([[0], [-1]], [2, 1], 'int32'), tf.ones([2]), [2]).dataSync(), /ScatterNd: index -1 in dimension 0/);
});

test('Einsum (explicit, implicit output, diagonal, three operands) and its gradient', { skip: TORCH_SKIP }, async () => {
  const a = () => rand([2, 3, 4], 1), b = () => rand([2, 4, 5], 2);
  await compareWithCpu(() => [tf.einsum('bij,bjk->bik', a(), b()), tf.einsum('bij->bji', a()), tf.einsum('ij,jk->ik', rand([3, 4], 3), rand([4, 2], 4))], { rtol: 1e-5, atol: 1e-6 });
  await compareWithCpu(() => tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.einsum('bij,bjk->bik', x, y))))([a(), b()]), { rtol: 1e-5, atol: 1e-5 });
  await useTorch();
  const m = tf.tensor2d([[1, 2], [3, 4]]);
  assert.deepEqual(Array.from(tf.einsum('ii->i', m).dataSync()), [1, 4]);
  assert.deepEqual(Array.from(tf.einsum('ij,jk', m, m).dataSync()), [7, 10, 15, 22]);
  assert.deepEqual(Array.from(tf.einsum('i,i,i->', tf.tensor1d([1, 2]), tf.tensor1d([3, 4]), tf.tensor1d([5, 6])).dataSync()), [15 + 48]);
  assert.throws(() => tf.einsum('ij,jk->ik', tf.ones([2, 2]), tf.ones([3, 2])), /letter 'j' is 2 and 3 \(operand 1, axis 0\)/);
});

test('TopK (ties in index order, k = 0 and the full axis) and Range / LinSpace', { skip: TORCH_SKIP }, async () => {
  const top = (x: tf.Tensor, k: number) => { const r = tf.topk(x, k); return [r.values, r.indices]; };
  await compareWithCpu(() => [...top(rand([3, 7], 1), 3), ...top(tf.tensor2d([[1, 3, 3, 2, 3]], [1, 5]), 4), ...top(rand([6], 2), 6),
    ...top(rand([2, 4], 3), 0), tf.range(0, 5), tf.range(3, -2, -0.5), tf.range(1, 4, 1, 'int32'), tf.linspace(-1, 1, 7)]);
});

test('BatchMatMul reports mismatched inner shapes with the transpose flags', { skip: TORCH_SKIP }, async () => {
  await useTorch();
  assert.throws(() => tf.matMul(tf.ones([2, 3]), tf.ones([4, 2]), false, true), /inner shapes \(3\) and \(2\).*transposeB=true must match/);
});
