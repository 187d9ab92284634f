import { test } from 'node:test';
import { tf } from '@weatherlearn/engine';
import { TORCH_SKIP, compareWithCpu, rand } from '../testing.js';

test('Reshape, Transpose, Concat, Pack, Unpack, SplitV', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([2, 3, 4], 1);
  await compareWithCpu(() => [tf.reshape(x(), [4, -1]), tf.transpose(x(), [2, 0, 1]), tf.concat([x(), rand([2, 1, 4], 2)], 1),
    tf.concat([tf.tensor([1, 2], [2], 'int32'), tf.tensor([3], [1], 'int32')]), tf.stack([x(), x()], 1), ...tf.unstack(x(), 2),
    ...tf.split(x(), 2, -1), ...tf.split(x(), [1, 2], 1), tf.add(tf.transpose(x(), [0, 2, 1]), 1)]);
});

test('Tile, Reverse, PadV2', { skip: TORCH_SKIP }, async () => {
  const x = () => rand([2, 3], 1);
  await compareWithCpu(() => [tf.tile(x(), [2, 3]), tf.reverse(x(), 1), tf.reverse(x()), tf.pad(x(), [[1, 0], [2, 3]], 0.5),
    tf.pad(tf.tensor([1, 2], [2], 'int32'), [[1, 1]])]);
});
