/**
 * @weatherlearn/test-parts (private) — the test helpers that depend on nothing, so every package,
 * tensor-io included, can declare them: strict skips for machine parts (`requirePart`) and the
 * Python interop bridge (`pyRead`, `pyWrite`, `describeTensor`), temp folders (`withTempDir`). Only
 * re-exports.
 */
export * from './require-part.js';
export * from './interop/index.js';
export * from './temp-dir.js';
