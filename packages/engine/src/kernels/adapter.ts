/**
 * Turns a pure typed-array computation into a tfjs kernel for the wasm backend: inputs are read as
 * views of the wasm heap (no copy; valid because the computation allocates no wasm memory), the
 * result is copied into a freshly allocated wasm tensor.
 */
import type { tf } from '../tf.js';

/** Typed arrays tfjs numeric tensors use. */
export type NumericArray = Float32Array | Int32Array | Uint8Array;

/** One input of a typed-array kernel. */
export interface ArrayInput {
  shape: number[];
  dtype: tf.DataType;
  values: NumericArray;
}

/** The output of a typed-array kernel. */
export interface ArrayOutput {
  shape: number[];
  dtype: tf.DataType;
  values: NumericArray;
}

/** A kernel body on plain typed arrays. */
export type ArrayCompute = (inputs: Record<string, ArrayInput>, attrs: tf.NamedAttrMap) => ArrayOutput;

/** The part of tfjs-backend-wasm's BackendWasm our kernels use. */
export interface WasmBackendLike {
  typedArrayFromHeap(info: tf.TensorInfo): NumericArray;
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: NumericArray): tf.TensorInfo;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

/** Wraps `compute` as a wasm kernel function. */
export function wasmArrayKernel(compute: ArrayCompute): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const be = backend as unknown as WasmBackendLike;
    const views: Record<string, ArrayInput> = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info == null) continue;
      if (info.dtype === 'string' || info.dtype === 'complex64') {
        throw new TypeError(`input '${name}' has dtype ${info.dtype}, which this kernel does not support`);
      }
      views[name] = { shape: info.shape, dtype: info.dtype, values: be.typedArrayFromHeap(info) };
    }
    const out = compute(views, attrs ?? {});
    return be.makeOutput(out.shape, out.dtype, undefined, out.values);
  };
}
