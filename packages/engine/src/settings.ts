/**
 * Engine-wide settings that models and trainers read: storage precision and thread count.
 * TensorFlow.js kernels always compute in float32; `precision` is the dtype parameters and
 * activations are stored in when they leave the engine (checkpoints, `fromTf` with `dtype: 'auto'`).
 */

/** Storage precision for float tensors leaving the engine. Computation is always float32. */
export type Precision = 'float32' | 'float16' | 'bfloat16';

/** Settings kept by the engine (see {@link getEngineSettings}). */
export interface EngineSettings {
  /** Storage precision for float tensors written by trainers / `fromTf(x, { dtype: 'auto' })`. */
  precision: Precision;
  /** Requested worker threads; 0 = backend default. wasm in Node always runs single-threaded. */
  threads: number;
}

/** Default settings: float32 storage, backend-default threads. */
export const DEFAULT_ENGINE_SETTINGS: Readonly<EngineSettings> = Object.freeze({ precision: 'float32', threads: 0 });

const PRECISIONS: readonly Precision[] = ['float32', 'float16', 'bfloat16'];
let current: EngineSettings = { ...DEFAULT_ENGINE_SETTINGS };

/** A copy of the current engine settings. */
export function getEngineSettings(): EngineSettings {
  return { ...current };
}

/** Sets the storage precision; throws on an unknown value, listing the valid ones. */
export function setPrecision(precision: Precision): void {
  if (!PRECISIONS.includes(precision)) {
    throw new RangeError(`precision must be one of ${PRECISIONS.join(', ')}, got ${JSON.stringify(precision)}`);
  }
  current = { ...current, precision };
}

/** Sets the requested thread count (0 = backend default); must be a non-negative integer. */
export function setThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 0) {
    throw new RangeError(`threads must be a non-negative integer, got ${threads}`);
  }
  current = { ...current, threads };
}

/** Restores {@link DEFAULT_ENGINE_SETTINGS} (for tests). */
export function resetEngineSettings(): void {
  current = { ...DEFAULT_ENGINE_SETTINGS };
}
