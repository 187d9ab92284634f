/** `@weatherlearn/loggers/wandb` — the Weights & Biases plugin, its protocol client and sync. */
// The plugin.
export { exitCodeOf, stripUserInfo, createWandbLogger, WandbLogger } from './plugin.js';

// Protocol client, offline store and sync.
export { wandbConfigString, WandbApi } from './api.js';
export type { UpsertResult } from './api.js';
export { WandbStore } from './store.js';
export type { WandbMeta, WandbState } from './store.js';
export { syncWandbRun } from './sync.js';
export type { WandbSyncOptions, WandbSyncResult } from './sync.js';
