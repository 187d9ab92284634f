import { tf } from '@weatherlearn/engine';
import { dtypeCode } from '../backend.js';
import { h, input, kernel } from './util.js';

/** Unary kernels whose output keeps the input dtype; the others (exp, log, …) produce float32. */
const SAME_DTYPE = new Set(['Neg', 'Abs', 'Square', 'Relu', 'Relu6', 'Sign', 'Floor', 'Ceil', 'Round']);
const BOOL_OUT = new Set(['LogicalNot', 'IsNan', 'IsInf', 'IsFinite']);
const COMPARE = new Set(['Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual', 'LogicalAnd', 'LogicalOr', 'LogicalXor']);

/** Elementwise unary kernels (Neg, Exp, Log, Sqrt, Rsqrt, Square, Abs, Tanh, Erf, Sigmoid, Relu, …) from the addon's table. */
export function unaryKernels(names: string[]): tf.KernelConfig[] {
  return names.map((name, op) => kernel(name, ({ inputs, backend }) => {
    const x = input(inputs, 'x', name);
    const out = BOOL_OUT.has(name) ? 'bool' : SAME_DTYPE.has(name) ? x.dtype : 'float32';
    return backend.adopt(backend.native.unary(op, backend.handle(x), dtypeCode(out)));
  }));
}

/** Output dtype of a binary kernel, following tfjs: comparisons → bool, RealDiv → float32, else upcast. */
export function binaryOutDtype(name: string, a: tf.DataType, b: tf.DataType): tf.DataType {
  if (COMPARE.has(name)) return 'bool';
  if (name === 'RealDiv' || name === 'Atan2') return 'float32';
  if (name === 'FloorDiv') return 'int32';
  return tf.upcastType(a, b);
}

/** Elementwise binary kernels with broadcasting (Add, Sub, Multiply, RealDiv, Maximum, Pow, comparisons, …). */
export function binaryKernels(names: string[]): tf.KernelConfig[] {
  return names.map((name, op) => kernel(name, ({ inputs, backend }) => {
    const [an, bn] = name === 'Prelu' ? ['x', 'alpha'] : ['a', 'b'];
    const a = input(inputs, an!, name), b = input(inputs, bn!, name);
    const out = binaryOutDtype(name, a.dtype, b.dtype);
    return backend.adopt(backend.native.binary(op, backend.handle(a), backend.handle(b), dtypeCode(out)));
  }));
}

/** ClipByValue, LeakyRelu and AddN (a sum of same-shape tensors). */
export const clipKernels: tf.KernelConfig[] = [
  kernel('ClipByValue', ({ inputs, attrs, backend }) => {
    const { clipValueMin, clipValueMax } = attrs as unknown as tf.ClipByValueAttrs;
    return backend.adopt(backend.native.clip(h(backend, inputs, 'x', 'ClipByValue'), clipValueMin, clipValueMax));
  }),
  kernel('LeakyRelu', ({ inputs, attrs, backend }) => {
    const { alpha } = attrs as unknown as tf.LeakyReluAttrs;
    return backend.adopt(backend.native.leakyRelu(h(backend, inputs, 'x', 'LeakyRelu'), alpha));
  }),
  kernel('AddN', ({ inputs, backend }) => {
    const xs = Object.values(inputs) as tf.TensorInfo[];
    if (xs.length === 0) throw new Error('AddN: no inputs');
    const add = backend.native.binaryOps.indexOf('Add');
    const dtype = dtypeCode(xs.reduce<tf.DataType>((d, x) => tf.upcastType(d, x.dtype), xs[0]!.dtype));
    if (xs.length === 1) return backend.adopt(backend.native.cast(backend.handle(xs[0]!), dtype));
    let acc = backend.adopt(backend.native.binary(add, backend.handle(xs[0]!), backend.handle(xs[1]!), dtype));
    for (const x of xs.slice(2)) {
      const next = backend.adopt(backend.native.binary(add, backend.handle(acc), backend.handle(x), dtype));
      backend.disposeIntermediateTensorInfo(acc);
      acc = next;
    }
    return acc;
  }),
];
