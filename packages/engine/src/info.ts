/** What the engine chose, and how to print it. */

/** A better backend that was not used, and why. */
export interface SkippedBackend {
  /** Candidate id, e.g. `tfjs-node-gpu`. */
  backend: string;
  reason: string;
}

/** What {@link initEngine} chose, and why better backends were not used. */
export interface EngineInfo {
  /** Active tfjs backend name (`tensorflow`, `wasm`, `cpu`, or a plugged-in one). */
  backend: string;
  /** Candidate id that provided it (`tfjs-node-gpu`, `tfjs-node`, `wasm`, `cpu`, …). */
  candidate: string;
  /** npm package providing the backend and its version. */
  package: string;
  packageVersion: string;
  /** @tensorflow/tfjs-core version. */
  version: string;
  simd: boolean;
  /** Threads in use (0 = library default, unknown). */
  threads: number;
  /** Better candidates that were tried and skipped (only for `auto`). */
  skipped: SkippedBackend[];
  /** Kernels of this backend replaced or added by the engine. */
  kernelFixes: string[];
  notes: string[];
}

/** Multi-line, human-readable summary (what `weatherlearn env` prints). */
export function formatEngineInfo(info: EngineInfo): string {
  const lines = [
    `backend:      ${info.backend} (${info.package} ${info.packageVersion}, tfjs-core ${info.version})`,
    `simd:         ${info.simd ? 'yes' : 'no'}`,
    `threads:      ${info.threads > 0 ? info.threads : 'library default'}`,
  ];
  if (info.kernelFixes.length) lines.push(`kernel fixes: ${info.kernelFixes.join(', ')}`);
  for (const n of info.notes) lines.push(`note:         ${n}`);
  for (const s of info.skipped) lines.push(`skipped:      ${s.backend}: ${s.reason}`);
  return lines.join('\n');
}
