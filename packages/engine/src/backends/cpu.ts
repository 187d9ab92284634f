import { tf } from '../tf.js';
import { type BackendCandidate, BackendUnavailableError, type LoadedBackend } from '../registry.js';
import { packageVersion } from './optional.js';

const PKG = '@tensorflow/tfjs-backend-cpu';

/** The plain-JavaScript reference backend: always available, slowest. */
export const cpuCandidate: BackendCandidate = {
  name: 'cpu',
  priority: 100,
  async load(): Promise<LoadedBackend> {
    await import('@tensorflow/tfjs-backend-cpu');
    if (!(await tf.setBackend('cpu'))) throw new BackendUnavailableError(`${PKG} failed to initialise`);
    // The cpu backend prints a "install tfjs-node" banner on first use; EngineInfo already reports that.
    const be = tf.backend() as unknown as { firstUse?: boolean };
    be.firstUse = false;
    return { backend: 'cpu', package: PKG, packageVersion: packageVersion(PKG), simd: false, threads: 1, notes: [] };
  },
};
