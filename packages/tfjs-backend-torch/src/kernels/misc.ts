import { tf } from '@weatherlearn/engine';
import { dtypeCode } from '../backend.js';
import { h, input, kernel } from './util.js';

/** Cast, Identity, Fill, ZerosLike, OnesLike, Select, Softmax. */
export const miscKernels: tf.KernelConfig[] = [
  kernel('Cast', ({ inputs, attrs, backend }) => {
    const { dtype } = attrs as unknown as tf.CastAttrs;
    return backend.adopt(backend.native.cast(h(backend, inputs, 'x', 'Cast'), dtypeCode(dtype)));
  }),
  kernel('Identity', ({ inputs, backend }) => {
    const x = input(inputs, 'x', 'Identity');
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  }),
  kernel('Fill', ({ attrs, backend }) => {
    const { shape, value, dtype } = attrs as unknown as tf.FillAttrs;
    if (typeof value === 'string' || dtype === 'string') {
      return backend.makeTensorInfo(shape, 'string', new Array(tf.util.sizeFromShape(shape)).fill(String(value)));
    }
    return backend.adopt(backend.native.fill(shape, value, dtypeCode(dtype ?? tf.util.inferDtype(value))));
  }),
  kernel('ZerosLike', ({ inputs, backend }) => {
    const x = input(inputs, 'x', 'ZerosLike');
    return backend.adopt(backend.native.fill(x.shape, 0, dtypeCode(x.dtype)));
  }),
  kernel('OnesLike', ({ inputs, backend }) => {
    const x = input(inputs, 'x', 'OnesLike');
    return backend.adopt(backend.native.fill(x.shape, 1, dtypeCode(x.dtype)));
  }),
  kernel('Select', ({ inputs, backend }) => {
    const t = input(inputs, 't', 'Select'), e = input(inputs, 'e', 'Select');
    const out = dtypeCode(tf.upcastType(t.dtype, e.dtype));
    return backend.adopt(backend.native.select(h(backend, inputs, 'condition', 'Select'), backend.handle(t), backend.handle(e), out));
  }),
  kernel('Softmax', ({ inputs, attrs, backend }) => {
    const { dim } = attrs as unknown as tf.SoftmaxAttrs;
    return backend.adopt(backend.native.softmax(h(backend, inputs, 'logits', 'Softmax'), dim));
  }),
];
