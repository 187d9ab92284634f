/** `@weatherlearn/loggers/neptune` — the Neptune plugin (self-hosted servers), client and sync. */
// The plugin.
export { createNeptuneLogger, NeptuneLogger } from './plugin.js';

// Protocol client, offline store and sync.
export { NeptuneApi } from './api.js';
export type { NeptuneOperation } from './api.js';
export { assignOp, assignOps, metricOps } from './ops.js';
export { NeptuneStore } from './store.js';
export type { NeptuneState } from './store.js';
export { syncNeptuneRun } from './sync.js';
export type { NeptuneSyncOptions } from './sync.js';
export { parseNeptuneToken } from './token.js';
export type { NeptuneToken } from './token.js';
