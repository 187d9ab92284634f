/**
 * @weatherlearn/fs-atomic — atomic file writes (temp file in the same folder, fsync, rename) for every
 * package, with no dependencies, so the loggers and hpc need not pull in tensor-io. Only re-exports.
 */
export * from './write.js';
export * from './temp-name.js';
