import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tf } from '../tf.js';
import { type BackendCandidate, BackendUnavailableError, type LoadedBackend } from '../registry.js';
import { packageVersion } from './optional.js';

const require = createRequire(import.meta.url);
const PKG = '@tensorflow/tfjs-backend-wasm';

/**
 * `@tensorflow/tfjs-backend-wasm` (XNNPACK, SIMD when the runtime has it). The `.wasm` binaries are
 * read from the installed package with fs — never fetched from the network. In Node the threaded
 * build is unavailable, so it runs single-threaded whatever `threads` says.
 */
export const wasmCandidate: BackendCandidate = {
  name: 'wasm',
  priority: 200,
  async load({ threads }): Promise<LoadedBackend> {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const notes: string[] = [];
    if (tf.findBackend('wasm') == null) {
      const dir = join(dirname(require.resolve(`${PKG}/package.json`)), 'dist');
      wasm.setWasmPaths(dir + '/', false);
      if (threads > 0) wasm.setThreadsCount(threads);
    }
    if (!(await tf.setBackend('wasm'))) throw new BackendUnavailableError(`${PKG} failed to initialise`);
    const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
    const actual = wasm.getThreadsCount();
    if (threads > 1 && actual < threads) notes.push(`requested ${threads} threads; wasm runs ${actual}-threaded here (no threaded build in Node)`);
    return { backend: 'wasm', package: PKG, packageVersion: packageVersion(PKG), simd, threads: actual, notes };
  },
};
