/**
 * @weatherlearn/fs-atomic — atomic file writes (temp file in the same folder, fsync, rename) for every
 * package, with no dependencies, so the loggers and hpc need not pull in tensor-io. Only re-exports.
 */
// Atomic writes (temp file in the same folder, fsync, rename).
export { writeFileAtomic, writeFileAtomicSync, DEFAULT_WRITE_FILE_ATOMIC_OPTIONS } from './write.js';
export type { AtomicData, WriteFileAtomicOptions } from './write.js';

// Temp-file names, and recognising a leftover temp file of an interrupted write.
export { atomicTempName, atomicTempTarget } from './temp-name.js';
