import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tf, type BackendCandidate, type LoadedBackend } from '@weatherlearn/engine';
import { TorchBackend } from './backend.js';
import { ADDON_PATH, loadBinding, type TorchBinding } from './native.js';
import { torchKernels } from './kernels/index.js';
import { registerCpuFallbacks } from './fallback.js';
import { BACKEND_NAME } from './name.js';
import { blasWarning, loadedBlas, OPENBLAS_APT, type BlasInfo } from './blas.js';

/** Options of {@link registerTorchBackend}. */
export interface TorchBackendOptions {
  /** Where tensors live: 'cpu', 'cuda' (= cuda:0) or 'cuda:N'. */
  device: string;
  /** libtorch intra-op threads (and OpenBLAS's pool); 0 keeps libtorch's default. */
  threads: number;
  /** Run kernels without a native implementation on the tfjs cpu backend (copying data) instead of failing. */
  fallback: boolean;
  /**
   * Flush denormal floats to zero (FTZ/DAZ), as `torch.set_flush_denormal(True)` does. Softmax over
   * masked attention (-100) underflows into denormals, which make matmuls 10× slower on x86; results
   * change only below 1.2e-38. Default true.
   */
  flushDenormal: boolean;
  /**
   * Cache freed CPU tensor blocks of 64 KiB and more for reuse, up to this many MiB (0: off, plain
   * glibc malloc as libtorch does by default). A training step re-allocates the same sizes every
   * step; the cache keeps the process near the step's live bytes instead of the ~3× that heap
   * fragmentation costs, and spares page faults. Default 1024.
   */
  cpuCacheMiB: number;
  /** The addon to load; default: this package's build/Release/tfjs_torch.node. */
  addonPath?: string;
  /** How to find the BLAS libtorch loaded; default {@link loadedBlas} (tests pass a stub). */
  detectBlas?: () => BlasInfo;
}

/** Defaults: CPU, library-default threads, cpu fallback on, denormals flushed, 1 GiB CPU block cache. */
export const DEFAULT_TORCH_BACKEND_OPTIONS: TorchBackendOptions = { device: 'cpu', threads: 0, fallback: true, flushDenormal: true, cpuCacheMiB: 1024 };

/** What {@link registerTorchBackend} reports. */
export interface TorchBackendInfo {
  /** libtorch version the addon runs with. */
  libtorch: string;
  /** Where it was built from (LIBTORCH_DIR, Debian, PyTorch), when the build recorded it. */
  source: string;
  device: string;
  threads: number;
  /** Whether denormals are flushed to zero (FTZ/DAZ; false when asked not to or the CPU lacks it). */
  flushDenormal: boolean;
  /** The caching CPU allocator's limit in MiB (0: off). */
  cpuCacheMiB: number;
  /** Whether OpenBLAS's own thread pool was pinned to `threads` too (threads > 0 and OpenBLAS loaded). */
  openblas: boolean;
  cudaDevices: number;
  /** The BLAS libtorch loaded (the reference BLAS makes torch slower than wasm). */
  blas: BlasInfo;
  nativeKernels: string[];
  fallbackKernels: string[];
}

const PKG_VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

let kernelsDone: Promise<{ nativeKernels: string[]; fallbackKernels: string[] }> | undefined;

function buildSource(): string {
  try {
    const m = JSON.parse(readFileSync(join(dirname(ADDON_PATH), '..', 'torch-build.json'), 'utf8')) as { source?: string; libdir?: string };
    return `${m.source ?? 'unknown'}${m.libdir ? ` (${m.libdir})` : ''}`;
  } catch {
    return 'unknown';
  }
}

async function registerKernels(native: TorchBinding, fallback: boolean) {
  const nativeKernels: string[] = [];
  for (const k of torchKernels(native)) {
    if (!tf.getKernel(k.kernelName, BACKEND_NAME)) tf.registerKernel(k);
    nativeKernels.push(k.kernelName);
  }
  const fallbackKernels = fallback ? await registerCpuFallbacks() : [];
  return { nativeKernels, fallbackKernels };
}

/**
 * Loads the addon, applies device/threads, registers the `torch` tfjs backend and its kernels (once).
 * Throws `TorchNotBuiltError` ("libtorch backend not built: …") when the addon is missing, or an error
 * when the device is unavailable. Does not activate the backend (`tf.setBackend('torch')` or the engine does).
 */
export async function registerTorchBackend(options: Partial<TorchBackendOptions> = {}): Promise<TorchBackendInfo> {
  const opts = { ...DEFAULT_TORCH_BACKEND_OPTIONS, ...options };
  const native = loadBinding(opts.addonPath ?? ADDON_PATH);
  const device = native.setDevice(opts.device);
  const t = native.setThreads(opts.threads);
  const ftz = native.setFlushDenormal(opts.flushDenormal);
  if (!(opts.cpuCacheMiB >= 0)) throw new RangeError(`torch backend: cpuCacheMiB must be a number ≥ 0 (0 turns the CPU block cache off), got ${opts.cpuCacheMiB}`);
  const cache = native.cpuCache(opts.cpuCacheMiB > 0, opts.cpuCacheMiB * 2 ** 20);
  if (!tf.findBackendFactory(BACKEND_NAME)) tf.registerBackend(BACKEND_NAME, () => new TorchBackend(native), 1);
  kernelsDone ??= registerKernels(native, opts.fallback);
  const k = await kernelsDone;
  const info = native.info();
  const blas = (opts.detectBlas ?? loadedBlas)();
  return { libtorch: info.version, source: buildSource(), device, threads: t.threads, flushDenormal: ftz, cpuCacheMiB: cache.on ? opts.cpuCacheMiB : 0, openblas: t.openblas, cudaDevices: info.cudaDevices, blas, ...k };
}

/**
 * Builds an engine candidate (`initEngine({ backend: 'torch' })`; `auto` tries it first at priority 500).
 * On a CPU device with the reference BLAS, `auto` skips it (it is slower than wasm there) with a
 * reason naming the BLAS and the apt line; naming `torch` still uses it, with that warning as a note.
 */
export function createTorchCandidate(options: Partial<TorchBackendOptions> = {}): BackendCandidate {
  return {
    name: 'torch',
    priority: 500,
    async load({ threads }): Promise<LoadedBackend> {
      const info = await registerTorchBackend({ ...options, threads: options.threads ?? threads });
      if (!(await tf.setBackend(BACKEND_NAME))) throw new Error('the torch backend failed to initialise');
      const warning = info.device === 'cpu' ? blasWarning(info.blas) : undefined;
      return {
        backend: BACKEND_NAME, package: '@weatherlearn/tfjs-backend-torch', packageVersion: PKG_VERSION, simd: true, threads: info.threads,
        notes: [
          `libtorch ${info.libtorch} from ${info.source}, device ${info.device}, ${info.threads} thread(s)${info.openblas ? ' (OpenBLAS pool pinned too)' : ''}${info.flushDenormal ? ', denormals flushed to zero' : ''}${info.cpuCacheMiB ? `, CPU block cache ≤ ${info.cpuCacheMiB} MiB` : ''}`,
          `BLAS: ${info.blas.name}${info.blas.path ? ` (${info.blas.path})` : ''}`,
          ...(warning ? [`WARNING: ${warning}`] : []),
          `${info.nativeKernels.length} native kernels; ${info.fallbackKernels.length} more run on the tfjs cpu backend (copies)`,
        ],
        ...(warning ? { autoSkip: `slower than wasm on this machine: libtorch loaded the ${info.blas.name} (${info.blas.path}); ${OPENBLAS_APT}` } : {}),
      };
    },
  };
}

/** The default torch candidate for `registerBackendCandidate` (CPU device). */
export const torchBackendCandidate: BackendCandidate = createTorchCandidate();
