/**
 * Which BLAS libtorch actually loaded. Debian's libtorch links `libblas.so.3`, which the
 * alternatives system points at the reference (netlib) BLAS unless an optimized one is installed:
 * with the reference BLAS our torch backend is ~2× SLOWER than wasm (a transformer-block step:
 * 633 ms vs 338 ms; 42.5 ms with OpenBLAS). Read from the process's memory map after the addon loads.
 */
import { readFileSync } from 'node:fs';

/** The apt line that replaces the reference BLAS by OpenBLAS on Debian/Ubuntu. */
export const OPENBLAS_APT = 'sudo apt-get install --no-install-recommends libopenblas0-pthread';

/** The BLAS families we recognise. `bundled`: no shared BLAS mapped (a PyTorch build with MKL linked in). */
export type BlasKind = 'openblas' | 'blis' | 'mkl' | 'atlas' | 'reference' | 'bundled' | 'unknown';

/** What {@link loadedBlas} found. */
export interface BlasInfo {
  kind: BlasKind;
  /** Human-readable name, e.g. "OpenBLAS (pthread)". */
  name: string;
  /** The mapped library file (symlinks resolved by the kernel), or '' when none. */
  path: string;
  /** Whether it is an optimized BLAS; false for the reference BLAS (torch then loses to wasm). */
  optimized: boolean;
}

const NAMES: Record<BlasKind, string> = {
  openblas: 'OpenBLAS', blis: 'BLIS', mkl: 'Intel MKL', atlas: 'ATLAS', reference: 'reference BLAS (netlib)',
  bundled: 'linked into libtorch', unknown: 'unknown',
};

/** Classifies one library path (as /proc/self/maps shows it). */
export function classifyBlasPath(path: string): BlasKind | undefined {
  const p = path.toLowerCase();
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (/libmkl_/.test(base)) return 'mkl';
  if (!/^lib(open)?blas|^libblis|^libsatlas|^libtatlas/.test(base)) return undefined;
  if (p.includes('openblas')) return 'openblas';
  if (p.includes('blis')) return 'blis';
  if (p.includes('atlas')) return 'atlas';
  if (/\/blas\/libblas\.so/.test(p) || /^libblas\.so\.3(\.\d+)*$/.test(base)) return 'reference';
  return 'unknown';
}

/**
 * The BLAS mapped into this process, from a `/proc/<pid>/maps` text (default: this process's).
 * Call after the addon has loaded. `libblas.so.3` decides (that is what libtorch links); an
 * OpenBLAS/BLIS/MKL library mapped without it counts too. Off Linux: `unknown`.
 */
export function loadedBlas(maps?: string): BlasInfo {
  let text = maps;
  if (text === undefined) {
    try { text = readFileSync('/proc/self/maps', 'utf8'); } catch { return { kind: 'unknown', name: NAMES.unknown, path: '', optimized: true }; }
  }
  const files = [...new Set(text.split('\n').map((l) => l.split(/\s+/).slice(5).join(' ')).filter((f) => f.startsWith('/')))];
  const found = files.map((path) => ({ path, kind: classifyBlasPath(path) })).filter((f): f is { path: string; kind: BlasKind } => !!f.kind);
  const blas3 = found.find((f) => /\/libblas\.so[^/]*$/.test(f.path));
  const pick = blas3 ?? found.find((f) => f.kind !== 'reference') ?? found[0];
  if (!pick) {
    const torch = files.some((f) => /libtorch_cpu/.test(f));
    return torch ? { kind: 'bundled', name: NAMES.bundled, path: '', optimized: true } : { kind: 'unknown', name: NAMES.unknown, path: '', optimized: true };
  }
  const flavour = /openblas-(pthread|openmp|serial)/.exec(pick.path)?.[1] ?? /blis-(pthread|openmp|serial)/.exec(pick.path)?.[1];
  return { kind: pick.kind, name: `${NAMES[pick.kind]}${flavour ? ` (${flavour})` : ''}`, path: pick.path, optimized: pick.kind !== 'reference' };
}

/** A warning for `env` when the BLAS is the reference one (with the apt line that fixes it), else undefined. */
export function blasWarning(b: BlasInfo): string | undefined {
  if (b.optimized) return undefined;
  return `libtorch loaded the ${b.name} (${b.path}): the torch backend is slower than wasm with it (a transformer-block step ≈15× slower than on OpenBLAS). Fix: ${OPENBLAS_APT}`;
}
