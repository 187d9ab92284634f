import type { tf } from '@weatherlearn/engine';
import type { TorchBinding } from '../native.js';
import { binaryKernels, clipKernels, unaryKernels } from './elementwise.js';
import { reduceKernels } from './reduce.js';
import { miscKernels } from './misc.js';
import { shapeKernels } from './shape.js';
import { sliceKernels } from './slice.js';
import { matmulKernels } from './matmul.js';
import { convKernels } from './conv.js';
import { ndKernels } from './nd.js';
import { fusedKernels } from './fused.js';

/** Every native kernel of the torch backend (op tables come from the addon). */
export function torchKernels(native: TorchBinding): tf.KernelConfig[] {
  return [
    ...unaryKernels(native.unaryOps), ...binaryKernels(native.binaryOps), ...clipKernels,
    ...reduceKernels(native.reduceOps), ...miscKernels, ...shapeKernels, ...sliceKernels, ...matmulKernels, ...convKernels, ...ndKernels,
    ...(typeof native.layerNorm === 'function' ? fusedKernels : []),
  ];
}
