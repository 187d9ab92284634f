import { test } from 'node:test';
import { tf } from '../index.js';
import { assertSameOnWasmAndCpu, rand } from './testing.js';

test('Conv3DBackpropFilterV2 kernel on wasm matches cpu (valid and same padding, strides)', async () => {
  const cases = [
    { x: [2, 3, 5, 4, 3], dy: [2, 3, 3, 2, 4], w: [2, 3, 3, 3, 4], strides: [1, 2, 2], pad: 'same' },
    { x: [1, 4, 8, 8, 2], dy: [1, 2, 2, 2, 5], w: [2, 4, 4, 2, 5], strides: [2, 4, 4], pad: 'valid' },
  ] as const;
  for (const c of cases) {
    await assertSameOnWasmAndCpu(`conv3d filter grad ${JSON.stringify(c)}`, () => tf.engine().runKernel('Conv3DBackpropFilterV2',
      { x: rand([...c.x], 1), dy: rand([...c.dy], 2) }, { strides: c.strides, pad: c.pad, filterShape: [...c.w] } as never) as tf.Tensor);
  }
});
