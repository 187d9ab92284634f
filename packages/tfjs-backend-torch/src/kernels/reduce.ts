import { tf } from '@weatherlearn/engine';
import { dtypeCode } from '../backend.js';
import { input, kernel } from './util.js';

/** tfjs output dtype of a reduction. */
export function reduceOutDtype(name: string, x: tf.DataType): tf.DataType {
  switch (name) {
    case 'Sum': case 'Prod': return tf.upcastType(x, 'int32');
    case 'Mean': return 'float32';
    case 'Any': case 'All': return 'bool';
    case 'ArgMax': case 'ArgMin': return 'int32';
    default: return x;
  }
}

/** Sum, Mean, Max, Min, Prod, Any, All (axis list + keepDims) and ArgMax, ArgMin (one axis). */
export function reduceKernels(names: string[]): tf.KernelConfig[] {
  return names.map((name, op) => kernel(name, ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', name);
    // Max names its axes `reductionIndices`; the others `axis`.
    const a = attrs as unknown as { axis?: number | number[]; reductionIndices?: number | number[]; keepDims?: boolean };
    const keepDims = a.keepDims;
    const axes = tf.util.parseAxisParam(name === 'Max' ? a.reductionIndices! : a.axis!, x.shape);
    const out = dtypeCode(reduceOutDtype(name, x.dtype));
    return backend.adopt(backend.native.reduce(op, backend.handle(x), axes, Boolean(keepDims), out));
  }));
}
