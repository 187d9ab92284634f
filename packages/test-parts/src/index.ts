/**
 * @weatherlearn/test-parts (private) — the test helpers that depend on nothing, so every package,
 * tensor-io included, can declare them: strict skips for machine parts (`requirePart`) and the
 * Python interop bridge (`pyRead`, `pyWrite`, `describeTensor`), temp folders (`withTempDir`). Only
 * re-exports.
 */
// Strict skips for machine parts: fail under CI=true unless .ci/known-missing.json excuses the part.
export {
  PARTS, KNOWN_MISSING_FILE, readKnownMissing, isStrict, strictFailure, requirePart,
} from './require-part.js';
export type { Part, KnownMissing } from './require-part.js';

// The Python interop bridge (Debian's /usr/bin/python3 with torch, numpy, netCDF4, h5py).
export { PYTHON, requirePython, pyRead, pyWrite, describeTensor } from './interop/index.js';
export type { PyArray, DescribedTensor } from './interop/index.js';

// Temp folders removed after use.
export { makeTempDir, withTempDir } from './temp-dir.js';
