import { tf } from '@weatherlearn/engine';
import type { TorchBackend } from '../backend.js';
import type { Handle } from '../native.js';
import { BACKEND_NAME } from '../name.js';
import { runOnCpu } from '../fallback.js';

export { BACKEND_NAME };

const JS_ONLY = new Set(['string', 'complex64']);

/** What a torch kernel receives: tfjs' inputs/attrs with the backend typed. */
export interface TorchKernelArgs {
  inputs: tf.NamedTensorInfoMap;
  attrs: tf.NamedAttrMap;
  backend: TorchBackend;
}

/**
 * A kernel config for the torch backend. Inputs that libtorch cannot hold (string, complex64) send
 * the call to the cpu fallback instead.
 */
export function kernel(kernelName: string, fn: (args: TorchKernelArgs) => tf.TensorInfo | tf.TensorInfo[]): tf.KernelConfig {
  return {
    kernelName,
    backendName: BACKEND_NAME,
    kernelFunc: ((args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }) => {
      const a = { inputs: args.inputs, attrs: args.attrs ?? {}, backend: args.backend as TorchBackend };
      for (const t of Object.values(args.inputs)) if (t && JS_ONLY.has(t.dtype)) return runOnCpu(kernelName, a);
      return fn(a);
    }) as unknown as tf.KernelFunc,
  };
}

/** A required input by name (tfjs passes named inputs). */
export function input(inputs: tf.NamedTensorInfoMap, name: string, kernelName: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`${kernelName}: missing input '${name}'`);
  return t;
}

/** The native handle of a named input. */
export function h(b: TorchBackend, inputs: tf.NamedTensorInfoMap, name: string, kernelName: string): Handle {
  return b.handle(input(inputs, name, kernelName));
}
