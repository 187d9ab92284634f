/**
 * Lazy access to h5wasm (HDF5 compiled to WebAssembly). Its Node build is compiled with
 * NODERAWFS, so HDF5 reads and writes host files directly through positioned I/O: nothing is
 * copied into an in-memory file system, and memory use is bounded by what one read asks for.
 */
import type { Dataset, File as H5File, Group } from 'h5wasm';

/** The parts of the h5wasm namespace we use. */
export interface H5Api {
  File: typeof H5File;
}

let loading: Promise<H5Api> | undefined;

/**
 * Loads and initialises h5wasm once (~150 ms, ~4 MB of wasm). HDF5 errors are switched to thrown
 * JS errors (instead of being printed to stderr), which {@link hdf5Message} shortens.
 */
export function loadH5(): Promise<H5Api> {
  loading ??= (async () => {
    const mod = (await import('h5wasm/node')) as unknown as { default: { File: typeof H5File; ready: Promise<unknown> } };
    const Module = (await mod.default.ready) as { activate_throwing_error_handler?: () => number };
    Module.activate_throwing_error_handler?.();
    return { File: mod.default.File };
  })();
  return loading;
}

/** The innermost cause of an HDF5 error stack (h5wasm throws the whole printed stack). */
export function hdf5Message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const causes = [...text.matchAll(/in (\w+)\(\): ([^\n]*)/g)].map((m) => `${m[2]!.trim()} (${m[1]})`);
  if (causes.length === 0) return text.split('\n')[0]!.slice(0, 300);
  // Outermost says what failed, innermost says why.
  return causes.length === 1 ? causes[0]! : `${causes[0]}: ${causes[causes.length - 1]}`;
}

export type { Dataset, Group, H5File };
