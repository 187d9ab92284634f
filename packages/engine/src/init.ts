import { tf } from './tf.js';
import { getBackendCandidates, type BackendCandidate, type LoadedBackend } from './registry.js';
import { applyKernelFixes } from './kernel-fixes.js';
import { installFrugalBackprop } from './frugal-backprop.js';
import { getEngineSettings, setThreads } from './settings.js';
import type { EngineInfo, SkippedBackend } from './info.js';

/** Backends the engine can select; plugged-in candidates add their own names. */
export type BackendName = 'auto' | 'tensorflow' | 'wasm' | 'cpu' | (string & {});

/** Options of {@link initEngine}. */
export interface EngineOptions {
  backend: BackendName;
  /** Threads for backends that can use several (tfjs-node); 0 = default. wasm runs single-threaded in Node. */
  threads?: number;
}

/** Default engine options. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { backend: 'auto' };

const INSTALL_HINTS: Record<string, string> = {
  tensorflow: 'install one of: npm install @tensorflow/tfjs-node (CPU, libtensorflow) or npm install @tensorflow/tfjs-node-gpu (CUDA)',
  wasm: 'npm install @tensorflow/tfjs-backend-wasm',
  cpu: 'npm install @tensorflow/tfjs-backend-cpu',
};

const loaded = new Map<string, Promise<LoadedBackend>>();
const infos = new Map<string, EngineInfo>();

function loadOnce(c: BackendCandidate, threads: number): Promise<LoadedBackend> {
  const id = c.id ?? c.name;
  let p = loaded.get(id);
  if (!p) {
    p = c.load({ threads });
    loaded.set(id, p);
    p.catch(() => loaded.delete(id));
  }
  return p;
}

function makeInfo(c: BackendCandidate, l: LoadedBackend, skipped: SkippedBackend[]): EngineInfo {
  return {
    backend: l.backend, candidate: c.id ?? c.name, package: l.package, packageVersion: l.packageVersion,
    version: tf.version_core, simd: l.simd, threads: l.threads, skipped, kernelFixes: applyKernelFixes(l.backend), notes: l.notes,
  };
}

/**
 * Selects, initialises and activates a TensorFlow.js backend and installs our kernel fixes for it.
 * `auto` tries the registered candidates from the highest priority down (tfjs-node-gpu, tfjs-node,
 * wasm, cpu) and reports why each better one was skipped (also one that loads but says it is slower
 * here, {@link LoadedBackend.autoSkip}); naming a backend that cannot be loaded
 * throws an error saying how to install it. Repeated calls are cheap: a backend is loaded once and
 * later calls only re-activate it.
 */
export async function initEngine(options: Partial<EngineOptions> = {}): Promise<EngineInfo> {
  const opts = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  installFrugalBackprop();
  if (opts.threads !== undefined) setThreads(opts.threads);
  const threads = getEngineSettings().threads;
  const cached = infos.get(opts.backend);
  if (cached) {
    if (tf.getBackend() !== cached.backend && !(await tf.setBackend(cached.backend))) {
      throw new Error(`backend ${cached.backend} could not be re-activated`);
    }
    return cached;
  }
  const all = getBackendCandidates();
  const order = opts.backend === 'auto' ? all : all.filter((c) => c.name === opts.backend);
  if (order.length === 0) {
    const names = [...new Set(all.map((c) => c.name))];
    throw new Error(`unknown backend '${opts.backend}'; valid: auto, ${names.join(', ')}`);
  }
  const skipped: SkippedBackend[] = [];
  for (const c of order) {
    try {
      const l = await loadOnce(c, threads);
      if (opts.backend === 'auto' && l.autoSkip) { skipped.push({ backend: c.id ?? c.name, reason: l.autoSkip }); continue; }
      if (tf.getBackend() !== l.backend) await tf.setBackend(l.backend);
      const info = makeInfo(c, l, skipped);
      infos.set(opts.backend, info);
      return info;
    } catch (err) {
      skipped.push({ backend: c.id ?? c.name, reason: (err as Error).message });
    }
  }
  const why = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
  if (opts.backend === 'auto') throw new Error(`no TensorFlow.js backend could be initialised: ${why}`);
  const hint = INSTALL_HINTS[opts.backend];
  throw new Error(`backend '${opts.backend}' is not available: ${why}${hint ? `. To use it, ${hint}` : ''}`);
}
