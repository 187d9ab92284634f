import { tf } from '@weatherlearn/engine';
import { dtypeCode } from '../backend.js';
import { h, input, kernel } from './util.js';

/** Reshape, Transpose, Concat, Pack, Unpack, SplitV, Tile, Reverse, PadV2 (views where libtorch allows). */
export const shapeKernels: tf.KernelConfig[] = [
  kernel('Reshape', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'Reshape');
    const shape = tf.util.inferFromImplicitShape((attrs as unknown as tf.ReshapeAttrs).shape, tf.util.sizeFromShape(x.shape));
    return backend.adopt(backend.native.reshape(backend.handle(x), shape));
  }),
  kernel('Transpose', ({ inputs, attrs, backend }) => {
    const { perm } = attrs as unknown as tf.TransposeAttrs;
    return backend.adopt(backend.native.transpose(h(backend, inputs, 'x', 'Transpose'), perm));
  }),
  kernel('Concat', ({ inputs, attrs, backend }) => {
    const xs = Object.values(inputs) as tf.TensorInfo[];
    if (xs.length === 0) throw new Error('Concat: no inputs');
    const axis = tf.util.parseAxisParam((attrs as unknown as tf.ConcatAttrs).axis, xs[0]!.shape)[0]!;
    const dtype = xs.reduce<tf.DataType>((d, x) => tf.upcastType(d, x.dtype), xs[0]!.dtype);
    const nonEmpty = xs.filter((x) => tf.util.sizeFromShape(x.shape) > 0);
    const use = nonEmpty.length > 0 ? nonEmpty : [xs[0]!];
    return backend.adopt(backend.native.concat(use.map((x) => backend.handle(x)), axis, dtypeCode(dtype)));
  }),
  kernel('Pack', ({ inputs, attrs, backend }) => {
    const xs = Object.values(inputs) as tf.TensorInfo[];
    if (xs.length === 0) throw new Error('Pack: no inputs');
    const rank = xs[0]!.shape.length;
    const axis = tf.util.parseAxisParam((attrs as unknown as tf.PackAttrs).axis, new Array(rank + 1).fill(1))[0]!;
    const shape = [...xs[0]!.shape.slice(0, axis), 1, ...xs[0]!.shape.slice(axis)];
    const dtype = xs.reduce<tf.DataType>((d, x) => tf.upcastType(d, x.dtype), xs[0]!.dtype);
    const expanded = xs.map((x) => backend.adopt(backend.native.reshape(backend.handle(x), shape)));
    const out = backend.adopt(backend.native.concat(expanded.map((x) => backend.handle(x)), axis, dtypeCode(dtype)));
    for (const e of expanded) backend.disposeIntermediateTensorInfo(e);
    return out;
  }),
  kernel('Unpack', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'value', 'Unpack');
    const axis = tf.util.parseAxisParam((attrs as unknown as tf.UnpackAttrs).axis, x.shape)[0]!;
    const outShape = x.shape.filter((_, d) => d !== axis);
    const size = x.shape.map((s, d) => (d === axis ? 1 : s));
    const hx = backend.handle(x);
    return Array.from({ length: x.shape[axis]! }, (_, i) => {
      const begin = x.shape.map((_, d) => (d === axis ? i : 0));
      const s = backend.adopt(backend.native.slice(hx, begin, size));
      const r = backend.adopt(backend.native.reshape(backend.handle(s), outShape));
      backend.disposeIntermediateTensorInfo(s);
      return r;
    });
  }),
  kernel('SplitV', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'SplitV');
    const { numOrSizeSplits, axis: ax } = attrs as unknown as tf.SplitVAttrs;
    const axis = tf.util.parseAxisParam(ax, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, numOrSizeSplits, axis);
    const hx = backend.handle(x);
    let at = 0;
    return sizes.map((n) => {
      const begin = x.shape.map((_, d) => (d === axis ? at : 0));
      const size = x.shape.map((s, d) => (d === axis ? n : s));
      at += n;
      return backend.adopt(backend.native.slice(hx, begin, size));
    });
  }),
  kernel('Tile', ({ inputs, attrs, backend }) => {
    const { reps } = attrs as unknown as tf.TileAttrs;
    return backend.adopt(backend.native.tile(h(backend, inputs, 'x', 'Tile'), reps));
  }),
  kernel('Reverse', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'Reverse');
    const dims = tf.util.parseAxisParam((attrs as unknown as tf.ReverseAttrs).dims, x.shape);
    return backend.adopt(dims.length ? backend.native.reverse(backend.handle(x), dims) : backend.native.clone(backend.handle(x)));
  }),
  kernel('PadV2', ({ inputs, attrs, backend }) => {
    const { paddings, constantValue } = attrs as unknown as tf.PadV2Attrs;
    return backend.adopt(backend.native.pad(h(backend, inputs, 'x', 'PadV2'), paddings.flat(), constantValue));
  }),
];
