import { tf } from '../tf.js';
import { type BackendCandidate, BackendUnavailableError, type LoadedBackend } from '../registry.js';
import { importOptional, packageVersion } from './optional.js';

/**
 * Builds the candidate for a libtensorflow binding (`@tensorflow/tfjs-node` or `-gpu`). Both
 * register the tfjs backend `tensorflow`; they are optional peer dependencies loaded by dynamic
 * import, so `npm ci` never needs libtensorflow.
 */
export function nativeCandidate(pkg: '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu', priority: number): BackendCandidate {
  const gpu = pkg.endsWith('-gpu');
  return {
    name: 'tensorflow',
    id: gpu ? 'tfjs-node-gpu' : 'tfjs-node',
    priority,
    async load(): Promise<LoadedBackend> {
      await importOptional(pkg);
      if (tf.findBackendFactory('tensorflow') == null) {
        throw new BackendUnavailableError(
          `${pkg} registered its backend in a different @tensorflow/tfjs-core instance than ours (${tf.version_core})`,
          'run npm dedupe so a single @tensorflow/tfjs-core is installed');
      }
      if (!(await tf.setBackend('tensorflow'))) {
        throw new BackendUnavailableError(`${pkg} is installed but its backend failed to initialise`);
      }
      const notes = gpu ? ['libtensorflow decides the device; it falls back to the CPU when no CUDA GPU is visible'] : [];
      return { backend: 'tensorflow', package: pkg, packageVersion: packageVersion(pkg), simd: true, threads: 0, notes };
    },
  };
}
