import { tf } from '@weatherlearn/engine';
import { input, kernel } from './util.js';

/** Slice, StridedSlice (any masks, negative strides), GatherV2 (any batchDims) and UnsortedSegmentSum (ids of any rank). */
export const sliceKernels: tf.KernelConfig[] = [
  kernel('Slice', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'Slice');
    const { begin, size } = attrs as unknown as tf.SliceAttrs;
    const [b, s] = tf.slice_util.parseSliceParams(x, begin, size);
    tf.slice_util.assertParamsValid(x, b!, s!);
    return backend.adopt(backend.native.slice(backend.handle(x), b!, s!));
  }),
  kernel('StridedSlice', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'StridedSlice');
    const a = attrs as unknown as tf.StridedSliceAttrs;
    const info = tf.slice_util.sliceInfo(x.shape, a.begin, a.end, a.strides, a.beginMask, a.endMask, a.ellipsisMask, a.newAxisMask, a.shrinkAxisMask);
    const hx = backend.handle(x);
    if (info.isIdentity) return backend.adopt(backend.native.reshape(hx, info.finalShape));
    // Element i of dim d is x[begin + i·stride] (finalShapeSparse drops shrunk axes, so count here).
    const counts = info.begin.map((b, d) => Math.max(0, Math.ceil((info.end[d]! - b) / info.strides[d]!)));
    const s = backend.adopt(backend.native.strided(hx, info.begin, counts, info.strides));
    const out = backend.adopt(backend.native.reshape(backend.handle(s), info.finalShape));
    backend.disposeIntermediateTensorInfo(s);
    return out;
  }),
  kernel('GatherV2', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'GatherV2'), indices = input(inputs, 'indices', 'GatherV2');
    const { axis, batchDims = 0 } = attrs as unknown as tf.GatherV2Attrs;
    const ax = tf.util.parseAxisParam(axis, x.shape)[0]!;
    const bd = batchDims < 0 ? batchDims + indices.shape.length : batchDims;
    if (bd > ax || indices.shape.slice(0, bd).some((s, d) => s !== x.shape[d])) {
      throw new Error(`GatherV2: batchDims ${batchDims} needs the first ${bd} dimensions of x [${x.shape}] and indices [${indices.shape}] to match, before axis ${ax}`);
    }
    return backend.adopt(backend.native.gather(backend.handle(x), backend.handle(indices), ax, bd));
  }),
  kernel('UnsortedSegmentSum', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'UnsortedSegmentSum'), ids = input(inputs, 'segmentIds', 'UnsortedSegmentSum');
    const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
    if (ids.shape.some((s, d) => s !== x.shape[d])) {
      throw new Error(`UnsortedSegmentSum: segment ids of shape [${ids.shape}] must be a prefix of x's shape [${x.shape}]`);
    }
    return backend.adopt(backend.native.unsortedSegmentSum(backend.handle(x), backend.handle(ids), numSegments));
  }),
];
