/**
 * The backend registry: every backend `initEngine` can select is a candidate with a priority.
 * `auto` tries candidates from the highest priority down; a future native `torch` backend
 * registers itself here without editing the chain.
 */

/** What a candidate's `load` reports once its tfjs backend is registered and active. */
export interface LoadedBackend {
  /** The tfjs backend name it activated (`tf.getBackend()`), e.g. `wasm` or `tensorflow`. */
  backend: string;
  /** npm package providing the backend. */
  package: string;
  /** Version of that package. */
  packageVersion: string;
  /** Whether SIMD kernels are in use. */
  simd: boolean;
  /** Threads the backend actually uses (0 = unknown / library default). */
  threads: number;
  /** Free-form remarks worth printing (e.g. "wasm runs single-threaded in Node"). */
  notes: string[];
  /**
   * Set when the backend works but is known to be slower here than the next candidate (e.g. libtorch
   * on the reference BLAS is slower than wasm): `auto` then skips it with this reason; naming the
   * backend still uses it.
   */
  autoSkip?: string;
}

/** Options passed to a candidate's `load`. */
export interface LoadOptions {
  /** Requested threads (0 = backend default). */
  threads: number;
}

/** A backend `initEngine` can select. */
export interface BackendCandidate {
  /** The value of `initEngine({ backend })` that selects it (several candidates may share a name). */
  name: string;
  /** Unique id (defaults to `name`); registering the same id again replaces the candidate. */
  id?: string;
  /** Higher is tried first by `auto`. Built-ins: tfjs-node-gpu 400, tfjs-node 300, wasm 200, cpu 100. */
  priority: number;
  /**
   * Imports and activates the backend. Throws {@link BackendUnavailableError} (or any error) when it
   * cannot be used; the message becomes the "skipped" reason.
   */
  load(options: LoadOptions): Promise<LoadedBackend>;
}

/** Thrown by a candidate that cannot be used; `hint` says how to make it available. */
export class BackendUnavailableError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(hint ? `${message} (${hint})` : message);
    this.name = 'BackendUnavailableError';
  }
}

const candidates = new Map<string, BackendCandidate>();

/** Registers (or replaces, by id) a backend candidate. */
export function registerBackendCandidate(candidate: BackendCandidate): void {
  if (!candidate.name || typeof candidate.load !== 'function' || !Number.isFinite(candidate.priority)) {
    throw new TypeError('registerBackendCandidate needs { name, priority: number, load() }');
  }
  candidates.set(candidate.id ?? candidate.name, candidate);
}

/** Removes a candidate by id (or name when no id was given). Returns whether it existed. */
export function unregisterBackendCandidate(id: string): boolean {
  return candidates.delete(id);
}

/** All candidates, highest priority first. */
export function getBackendCandidates(): BackendCandidate[] {
  return [...candidates.values()].sort((a, b) => b.priority - a.priority);
}
