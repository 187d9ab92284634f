import { tf } from '@weatherlearn/engine';
import type { ConvGeometry } from '../native.js';
import { input, kernel } from './util.js';

type Conv2DInfo = tf.backend_util.Conv2DInfo;
type Conv3DInfo = tf.backend_util.Conv3DInfo;

/** Addon geometry of a 2-D convolution (tfjs' Conv2DInfo; 'same' padding may be asymmetric). */
export function geometry2d(c: Conv2DInfo, channelsLast: boolean, depthwise: boolean): ConvGeometry {
  const p = c.padInfo;
  return [2, [c.strideHeight, c.strideWidth], [p.top, p.left], [p.bottom, p.right], [c.dilationHeight, c.dilationWidth],
    depthwise ? c.inChannels : 1, channelsLast, depthwise];
}

/** Addon geometry of a 3-D convolution (NDHWC). */
export function geometry3d(c: Conv3DInfo): ConvGeometry {
  const p = c.padInfo;
  return [3, [c.strideDepth, c.strideHeight, c.strideWidth], [p.front, p.top, p.left], [p.back, p.bottom, p.right],
    [c.dilationDepth, c.dilationHeight, c.dilationWidth], 1, true, false];
}

type Shape4 = [number, number, number, number];
type Shape5 = [number, number, number, number, number];
interface Conv2DLikeAttrs {
  strides: [number, number] | number; pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW'; dilations?: [number, number] | number; dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape?: Shape4; filterShape?: Shape4;
}

function info2d(xShape: number[], fShape: number[], a: Conv2DLikeAttrs, depthwise: boolean): [Conv2DInfo, boolean] {
  const fmt = tf.backend_util.convertConv2DDataFormat(a.dataFormat ?? 'NHWC');
  const c = tf.backend_util.computeConv2DInfo(xShape as Shape4, fShape as Shape4, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, depthwise, fmt);
  return [c, fmt === 'channelsLast'];
}

function conv2dFamily(depthwise: boolean, names: [string, string, string]): tf.KernelConfig[] {
  const [fwd, bin, bfil] = names;
  return [
    kernel(fwd, ({ inputs, attrs, backend }) => {
      const x = input(inputs, 'x', fwd), f = input(inputs, 'filter', fwd);
      const [c, last] = info2d(x.shape, f.shape, attrs as unknown as Conv2DLikeAttrs, depthwise);
      return backend.adopt(backend.native.conv(backend.handle(x), backend.handle(f), ...geometry2d(c, last, depthwise)));
    }),
    kernel(bin, ({ inputs, attrs, backend }) => {
      const dy = input(inputs, 'dy', bin), f = input(inputs, 'filter', bin);
      const a = attrs as unknown as Conv2DLikeAttrs;
      const [c, last] = info2d(a.inputShape!, f.shape, a, depthwise);
      return backend.adopt(backend.native.convBackpropInput(backend.handle(dy), backend.handle(f), a.inputShape!, ...geometry2d(c, last, depthwise)));
    }),
    kernel(bfil, ({ inputs, attrs, backend }) => {
      const x = input(inputs, 'x', bfil), dy = input(inputs, 'dy', bfil);
      const a = attrs as unknown as Conv2DLikeAttrs;
      const [c, last] = info2d(x.shape, a.filterShape!, a, depthwise);
      return backend.adopt(backend.native.convBackpropFilter(backend.handle(x), backend.handle(dy), a.filterShape!, ...geometry2d(c, last, depthwise)));
    }),
  ];
}

interface Conv3DLikeAttrs { strides: [number, number, number] | number; pad: 'valid' | 'same'; dilations?: [number, number, number] | number; inputShape?: Shape5; filterShape?: Shape5 }

/** Conv2D, DepthwiseConv2dNative, Conv3D and their input/filter backprops (NHWC/NDHWC ↔ NCHW inside). */
export const convKernels: tf.KernelConfig[] = [
  ...conv2dFamily(false, ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter']),
  ...conv2dFamily(true, ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter']),
  kernel('Conv3D', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'Conv3D'), f = input(inputs, 'filter', 'Conv3D');
    const a = attrs as unknown as Conv3DLikeAttrs;
    const c = tf.backend_util.computeConv3DInfo(x.shape as Shape5, f.shape as Shape5, a.strides, a.dilations ?? 1, a.pad);
    return backend.adopt(backend.native.conv(backend.handle(x), backend.handle(f), ...geometry3d(c)));
  }),
  kernel('Conv3DBackpropInputV2', ({ inputs, attrs, backend }) => {
    const dy = input(inputs, 'dy', 'Conv3DBackpropInputV2'), f = input(inputs, 'filter', 'Conv3DBackpropInputV2');
    const a = attrs as unknown as Conv3DLikeAttrs;
    const c = tf.backend_util.computeConv3DInfo(a.inputShape!, f.shape as Shape5, a.strides, 1, a.pad);
    return backend.adopt(backend.native.convBackpropInput(backend.handle(dy), backend.handle(f), a.inputShape!, ...geometry3d(c)));
  }),
  kernel('Conv3DBackpropFilterV2', ({ inputs, attrs, backend }) => {
    const x = input(inputs, 'x', 'Conv3DBackpropFilterV2'), dy = input(inputs, 'dy', 'Conv3DBackpropFilterV2');
    const a = attrs as unknown as Conv3DLikeAttrs;
    const c = tf.backend_util.computeConv3DInfo(x.shape as Shape5, a.filterShape!, a.strides, 1, a.pad);
    return backend.adopt(backend.native.convBackpropFilter(backend.handle(x), backend.handle(dy), a.filterShape!, ...geometry3d(c)));
  }),
];
