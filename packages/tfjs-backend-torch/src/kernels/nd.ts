import { tf } from '@weatherlearn/engine';
import { dtypeCode } from '../backend.js';
import { runOnCpu } from '../fallback.js';
import { h, input, kernel } from './util.js';

/** Names the first operand/letter mismatch of an einsum (libtorch's own message would not). */
function checkEinsum(equation: string, shapes: number[][]): void {
  const subs = equation.split('->')[0]!.split(',');
  if (subs.length !== shapes.length) throw new Error(`einsum '${equation}': ${subs.length} operand subscripts for ${shapes.length} tensors`);
  const sizes = new Map<string, number>();
  subs.forEach((sub, k) => {
    const s = sub.trim();
    if (s.includes('.')) return; // ellipsis: libtorch checks
    if (s.length !== shapes[k]!.length) throw new Error(`einsum '${equation}': operand ${k} has ${shapes[k]!.length} dimensions but subscripts '${s}'`);
    [...s].forEach((c, d) => {
      const n = shapes[k]![d]!, prev = sizes.get(c);
      if (prev !== undefined && prev !== n) throw new Error(`einsum '${equation}': letter '${c}' is ${prev} and ${n} (operand ${k}, axis ${d})`);
      sizes.set(c, n);
    });
  });
}

/**
 * ExpandDims (a reshape view), Step, GatherNd, ScatterNd (duplicates summed), OneHot, Einsum, TopK,
 * and Range / LinSpace (constants computed in JS by the cpu kernels, uploaded on first use; not counted as fallbacks).
 */
export const ndKernels: tf.KernelConfig[] = [
  kernel('ExpandDims', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'input', 'ExpandDims');
    const { dim } = attrs as unknown as tf.ExpandDimsAttrs;
    const rank = x.shape.length;
    const axis = dim < 0 ? rank + 1 + dim : dim;
    if (!(axis >= 0 && axis <= rank)) throw new Error(`ExpandDims: axis ${dim} is out of range for a rank-${rank} tensor`);
    const shape = [...x.shape.slice(0, axis), 1, ...x.shape.slice(axis)];
    return backend.adopt(backend.native.reshape(backend.handle(x), shape));
  }),
  kernel('Step', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'Step');
    const { alpha } = attrs as unknown as tf.StepAttrs;
    return backend.adopt(backend.native.step(backend.handle(x), alpha, dtypeCode(x.dtype)));
  }),
  kernel('GatherNd', ({ inputs, backend }) => {
    const x = input(inputs, 'params', 'GatherNd');
    return backend.adopt(backend.native.gatherNd(backend.handle(x), h(backend, inputs, 'indices', 'GatherNd')));
  }),
  kernel('ScatterNd', ({ inputs, attrs, backend }) => {
    const { shape } = attrs as unknown as tf.ScatterNdAttrs;
    return backend.adopt(backend.native.scatterNd(h(backend, inputs, 'indices', 'ScatterNd'), h(backend, inputs, 'updates', 'ScatterNd'), shape));
  }),
  kernel('OneHot', ({ inputs, attrs, backend }) => {
    const { depth, onValue, offValue, dtype } = attrs as unknown as tf.OneHotAttrs;
    return backend.adopt(backend.native.oneHot(h(backend, inputs, 'indices', 'OneHot'), depth, onValue, offValue, dtypeCode(dtype)));
  }),
  kernel('Einsum', ({ inputs, attrs, backend }) => {
    const { equation } = attrs as unknown as tf.EinsumAttrs;
    const xs = Object.values(inputs) as tf.TensorInfo[];
    checkEinsum(equation, xs.map((x) => x.shape));
    return backend.adopt(backend.native.einsum(equation, xs.map((x) => backend.handle(x))));
  }),
  kernel('TopK', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'TopK');
    const { k, sorted } = attrs as unknown as tf.TopKAttrs;
    const last = x.shape[x.shape.length - 1] ?? 0;
    if (!(k >= 0 && k <= last)) throw new Error(`TopK: k = ${k} must be in [0, ${last}] (the size of the last axis)`);
    const [v, i] = backend.native.topk(backend.handle(x), k, sorted);
    return [backend.adopt(v), backend.adopt(i)];
  }),
  kernel('Range', (args) => runOnCpu('Range', args, false)),
  kernel('LinSpace', (args) => runOnCpu('LinSpace', args, false)),
];
