import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** An opaque reference to a libtorch tensor owned by the addon. */
export type Handle = object & { readonly __torchHandle?: never };

/** What every native op returns: `[handle, dtypeCode, ...shape]` (dtype 0 float32, 1 int32, 2 bool). */
export type NativeResult = [Handle, number, ...number[]];

/** Conv geometry arguments, in the order the addon reads them. */
export type ConvGeometry = [nsp: number, strides: number[], padBefore: number[], padAfter: number[], dilations: number[],
  groups: number, channelsLast: boolean, depthwise: boolean];

/** Counters of the caching CPU allocator (blocks of 64 KiB and more). */
export interface CpuCacheStats {
  /** Bytes held in free blocks, ready for reuse. */
  cachedBytes: number;
  /** Bytes in blocks tensors hold now. */
  inUseBytes: number;
  limitBytes: number;
  /** Allocations served from the cache / by a fresh mapping. */
  hits: number;
  misses: number;
}

/** The functions exported by `build/Release/tfjs_torch.node` (see `native/*.cc`). */
export interface TorchBinding {
  upload(values: Float32Array | Int32Array | Uint8Array, shape: number[], dtype: number): NativeResult;
  download(h: Handle): Float32Array | Int32Array | Uint8Array;
  free(h: Handle): void;
  /** Sets libtorch's intra-op threads and OpenBLAS's pool (n > 0); `openblas`: whether the latter was pinned. */
  setThreads(n: number): { threads: number; openblas: boolean };
  setDevice(device: string): string;
  /** Flush-to-zero / denormals-are-zero on the calling and intra-op threads; returns whether it is on. */
  setFlushDenormal(on: boolean): boolean;
  /**
   * Installs (`on` true) or removes libtorch's caching CPU allocator (native/cpu_cache.cc) for new CPU
   * tensors and sets its limit in bytes; returns its counters.
   */
  cpuCache(on?: boolean, limitBytes?: number): CpuCacheStats & { on: boolean };
  /** Gives the cached free blocks back to the kernel. */
  cpuCacheEmpty(): CpuCacheStats;
  info(): { version: string; device: string; threads: number; cuda: boolean; cudaDevices: number; live: number; parallel: string };
  unaryOps: string[];
  binaryOps: string[];
  reduceOps: string[];
  unary(op: number, x: Handle, outDtype: number): NativeResult;
  binary(op: number, a: Handle, b: Handle, outDtype: number): NativeResult;
  reduce(op: number, x: Handle, axes: number[], keepDims: boolean, outDtype: number): NativeResult;
  cast(x: Handle, dtype: number): NativeResult;
  fill(shape: number[], value: number, dtype: number): NativeResult;
  select(cond: Handle, a: Handle, b: Handle, outDtype: number): NativeResult;
  softmax(x: Handle, dim: number): NativeResult;
  logSoftmax(x: Handle, dim: number): NativeResult;
  clip(x: Handle, min: number, max: number): NativeResult;
  leakyRelu(x: Handle, alpha: number): NativeResult;
  step(x: Handle, alpha: number, outDtype: number): NativeResult;
  gatherNd(x: Handle, indices: Handle): NativeResult;
  scatterNd(indices: Handle, updates: Handle, shape: number[]): NativeResult;
  oneHot(indices: Handle, depth: number, onValue: number, offValue: number, dtype: number): NativeResult;
  einsum(equation: string, xs: Handle[]): NativeResult;
  /** [values, indices] of the k largest along the last axis, ties in index order. */
  topk(x: Handle, k: number, sorted: boolean): [NativeResult, NativeResult];
  reshape(x: Handle, shape: number[]): NativeResult;
  transpose(x: Handle, perm: number[]): NativeResult;
  concat(xs: Handle[], axis: number, outDtype: number): NativeResult;
  slice(x: Handle, begin: number[], size: number[]): NativeResult;
  strided(x: Handle, begin: number[], counts: number[], strides: number[]): NativeResult;
  pad(x: Handle, paddings: number[], value: number): NativeResult;
  tile(x: Handle, reps: number[]): NativeResult;
  reverse(x: Handle, dims: number[]): NativeResult;
  /** GatherV2; an out-of-range index is named with its flat position in `indices`. */
  gather(x: Handle, indices: Handle, axis: number, batchDims: number): NativeResult;
  unsortedSegmentSum(x: Handle, ids: Handle, numSegments: number): NativeResult;
  clone(x: Handle): NativeResult;
  matmul(a: Handle, b: Handle, transposeA: boolean, transposeB: boolean): NativeResult;
  fusedMatMul(a: Handle, b: Handle, transposeA: boolean, transposeB: boolean, bias: Handle | null,
    activation: string, prelu: Handle | null, leakyAlpha: number | null): NativeResult;
  conv(x: Handle, w: Handle, ...geo: ConvGeometry): NativeResult;
  convBackpropInput(dy: Handle, w: Handle, inputShape: number[], ...geo: ConvGeometry): NativeResult;
  convBackpropFilter(x: Handle, dy: Handle, filterShape: number[], ...geo: ConvGeometry): NativeResult;
  /** Fused kernels (`native/ops_fused.cc`): LayerNorm over the last axis. */
  layerNorm(x: Handle, gamma: Handle, beta: Handle, eps: number): NativeResult;
  /** `[dx, dgamma, dbeta]`; mean and 1/σ recomputed from x. */
  layerNormGrad(dy: Handle, x: Handle, gamma: Handle, beta: Handle, eps: number): [NativeResult, NativeResult, NativeResult];
  gelu(x: Handle): NativeResult;
  geluGrad(dy: Handle, x: Handle): NativeResult;
  /** `x·Wᵀ + b` with W `[out, in]`. */
  linear(x: Handle, weight: Handle, bias: Handle | null): NativeResult;
  /** `softmax(scale·q·kᵀ + bias + mask)`; scaleQ scales q before the product. */
  attnProbs(q: Handle, k: Handle, bias: Handle | null, mask: Handle | null, scale: number, scaleQ: boolean): NativeResult;
  /** `[dq, dk, dScores]`. */
  attnProbsGrad(dy: Handle, probs: Handle, q: Handle, k: Handle, scale: number): [NativeResult, NativeResult, NativeResult];
  /** Adam/AdamW over many parameters: `[p', m', v']` per parameter (7 scalars each, see ops_fused.cc). */
  adamStep(params: Handle[], grads: Handle[], expAvgs: Handle[], expAvgSqs: Handle[], scalars: number[], decoupled: boolean): [NativeResult, NativeResult, NativeResult][];
}

/** Thrown when the addon cannot be loaded; the message starts with "libtorch backend not built". */
export class TorchNotBuiltError extends Error {
  constructor(reason: string) {
    super(`libtorch backend not built: ${reason}`);
    this.name = 'TorchNotBuiltError';
  }
}

/** Where `npm run build:native` puts the addon (package root / build / Release). */
export const ADDON_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'Release', 'tfjs_torch.node');

const cache = new Map<string, TorchBinding>();

/**
 * Loads the addon once. Throws {@link TorchNotBuiltError} naming the reason (file missing, libtorch
 * shared libraries not found, ABI mismatch) — callers fall back to another backend.
 */
export function loadBinding(path = ADDON_PATH): TorchBinding {
  const hit = cache.get(path);
  if (hit) return hit;
  if (!existsSync(path)) {
    throw new TorchNotBuiltError(`${path} is missing (run npm run build:native in packages/tfjs-backend-torch; needs libtorch)`);
  }
  let binding: TorchBinding;
  try {
    binding = createRequire(import.meta.url)(path) as TorchBinding;
  } catch (err) {
    throw new TorchNotBuiltError(`${path} failed to load: ${String((err as Error).message).split('\n')[0]}`);
  }
  cache.set(path, binding);
  return binding;
}

/** Whether the addon is built and loads (never throws). */
export function isTorchBuilt(): boolean {
  try {
    loadBinding();
    return true;
  } catch {
    return false;
  }
}

/** The reason the addon cannot be used, or `undefined` when it loads. */
export function torchUnavailableReason(): string | undefined {
  try {
    loadBinding();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
