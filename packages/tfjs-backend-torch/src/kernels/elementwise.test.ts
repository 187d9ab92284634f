import { test } from 'node:test';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand } from '../testing.js';

const pos = () => tf.add(tf.abs(rand([3, 4], 11)), 0.1);
const unit = () => tf.mul(rand([3, 4], 12), 0.9);

test('unary kernels on float32 equal the cpu backend', { skip: TORCH_SKIP }, async () => {
  const x = () => tf.mul(rand([3, 4], 1), 3);
  await compareWithCpu(() => [tf.neg(x()), tf.exp(x()), tf.square(x()), tf.abs(x()), tf.tanh(x()), tf.erf(x()), tf.sigmoid(x()),
    tf.relu(x()), tf.relu6(x()), tf.elu(x()), tf.selu(x()), tf.softplus(x()), tf.sin(x()), tf.cos(x()), tf.atan(x()),
    tf.sinh(x()), tf.cosh(x()), tf.asinh(x()), tf.floor(x()), tf.ceil(x()), tf.round(x()), tf.sign(x()), tf.expm1(x()),
    tf.reciprocal(x()), tf.isNaN(tf.div(x(), 0)), tf.isInf(tf.div(x(), 0)), tf.isFinite(tf.div(x(), 0))], { rtol: 1e-5, atol: 1e-6 });
  await compareWithCpu(() => [tf.log(pos()), tf.sqrt(pos()), tf.rsqrt(pos()), tf.log1p(pos()), tf.acosh(tf.add(pos(), 1)),
    tf.asin(unit()), tf.acos(unit()), tf.atanh(unit()), tf.tan(unit())], { rtol: 1e-5, atol: 1e-6 });
});

test('unary kernels keep int32 where tfjs does', { skip: TORCH_SKIP }, async () => {
  const i = () => tf.tensor([-3, -1, 0, 2, 5], [5], 'int32');
  await compareWithCpu(() => [tf.neg(i()), tf.abs(i()), tf.square(i()), tf.relu(i()), tf.sign(i()), tf.exp(i()), tf.logicalNot(tf.cast(i(), 'bool'))]);
});

test('binary kernels with broadcasting, int32 and comparisons', { skip: TORCH_SKIP }, async () => {
  const a = () => rand([2, 3, 4], 1), b = () => rand([3, 1], 2);
  await compareWithCpu(() => [tf.add(a(), b()), tf.sub(a(), b()), tf.mul(a(), b()), tf.div(a(), b()), tf.maximum(a(), b()),
    tf.minimum(a(), b()), tf.squaredDifference(a(), b()), tf.pow(tf.abs(a()), b()), tf.atan2(a(), b()), tf.floorDiv(a(), b()), tf.mod(a(), b()),
    tf.equal(tf.round(a()), tf.round(b())), tf.notEqual(a(), b()), tf.less(a(), b()), tf.lessEqual(a(), b()), tf.greater(a(), b()),
    tf.greaterEqual(a(), b()), tf.prelu(a(), tf.fill([4], 0.2))], { rtol: 1e-5, atol: 1e-6 });
  const i = () => tf.tensor([7, -7, 9, 4], [4], 'int32'), j = () => tf.tensor([2, 2, -4, 3], [4], 'int32');
  await compareWithCpu(() => [tf.add(i(), j()), tf.sub(i(), j()), tf.mul(i(), j()), tf.div(i(), j()), tf.floorDiv(i(), j()),
    tf.mod(i(), j()), tf.maximum(i(), j()), tf.add(i(), tf.scalar(0.5))]);
  const p = () => tf.tensor([true, false, true, false], [4], 'bool'), q = () => tf.tensor([true, true, false, false], [4], 'bool');
  await compareWithCpu(() => [tf.logicalAnd(p(), q()), tf.logicalOr(p(), q()), tf.logicalXor(p(), q())]);
});

test('ClipByValue, LeakyRelu, AddN', { skip: TORCH_SKIP }, async () => {
  await compareWithCpu(() => [tf.clipByValue(rand([5, 3], 1), -0.3, 0.4), tf.leakyRelu(rand([5, 3], 2), 0.1),
    tf.addN([rand([2, 3], 3), rand([2, 3], 4), rand([2, 3], 5)])]);
});
