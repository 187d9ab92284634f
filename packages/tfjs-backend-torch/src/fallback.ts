import { tf } from '@weatherlearn/engine';
import type { TorchBackend } from './backend.js';
import { BACKEND_NAME } from './name.js';

let cpu: tf.KernelBackend | undefined;
const calls = new Map<string, number>();

/** How often each kernel ran on the CPU fallback since the last reset (tests assert native coverage). */
export function getFallbackCalls(): Map<string, number> {
  return new Map(calls);
}

/** Clears the fallback counters. */
export function resetFallbackCalls(): void {
  calls.clear();
}

async function cpuBackend(): Promise<tf.KernelBackend> {
  if (cpu) return cpu;
  await import('@tensorflow/tfjs-backend-cpu'); // registers the 'cpu' factory and kernels in the shared tfjs-core
  const b = tf.findBackend('cpu');
  if (!b) throw new Error('torch backend: the cpu backend (needed for fallback kernels) failed to initialise');
  (b as unknown as { firstUse?: boolean }).firstUse = false;
  cpu = b;
  return b;
}

/**
 * Runs a kernel of the cpu backend on torch tensors: inputs are downloaded into the cpu backend,
 * the cpu kernel runs, outputs are uploaded (lazily) into the torch backend, temporaries are freed.
 * Variadic kernels (Einsum, Concat, …) receive their inputs as an array, as tfjs passes them.
 * `count: false` for kernels that only compute constants in JS (Range), which are not fallbacks.
 */
export function runOnCpu(kernelName: string, args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: TorchBackend }, count = true): tf.TensorInfo | tf.TensorInfo[] {
  const k = tf.getKernel(kernelName, 'cpu');
  if (!k || !cpu) throw new Error(`kernel '${kernelName}' is not available on the torch backend or its cpu fallback`);
  if (count) calls.set(kernelName, (calls.get(kernelName) ?? 0) + 1);
  const tb = args.backend;
  const cpuInputs = (Array.isArray(args.inputs) ? [] : {}) as tf.NamedTensorInfoMap;
  const made: tf.TensorInfo[] = [];
  for (const [name, t] of Object.entries(args.inputs)) {
    if (!t) continue;
    if (t.dtype === 'complex64') throw new Error(`${kernelName}: complex64 tensors are not supported on the torch backend`);
    const c = (cpu as unknown as { makeTensorInfo(s: number[], d: tf.DataType, v: unknown): tf.TensorInfo })
      .makeTensorInfo(t.shape, t.dtype, tb.readSync(t.dataId));
    cpuInputs[name] = c;
    made.push(c);
  }
  const out = k.kernelFunc({ inputs: cpuInputs, attrs: args.attrs ?? {}, backend: cpu });
  const outs = Array.isArray(out) ? out : [out];
  const results = outs.map((o) => tb.makeTensorInfo(o.shape, o.dtype, cpu!.readSync(o.dataId) as Float32Array));
  for (const o of outs) cpu.disposeData(o.dataId);
  for (const c of made) cpu.disposeData(c.dataId);
  return Array.isArray(out) ? results : results[0]!;
}

/**
 * Registers, for every kernel the cpu backend has and torch does not, a torch kernel that runs the
 * cpu one ({@link runOnCpu}). Returns the names registered. Call after the native kernels.
 */
export async function registerCpuFallbacks(): Promise<string[]> {
  await cpuBackend();
  const names: string[] = [];
  for (const k of tf.getKernelsForBackend('cpu')) {
    if (tf.getKernel(k.kernelName, BACKEND_NAME)) continue;
    const kernelName = k.kernelName;
    tf.registerKernel({
      kernelName,
      backendName: BACKEND_NAME,
      kernelFunc: ((args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }) =>
        runOnCpu(kernelName, { inputs: args.inputs, attrs: args.attrs, backend: args.backend as TorchBackend })) as unknown as tf.KernelFunc,
    });
    names.push(kernelName);
  }
  return names;
}
