/** `@weatherlearn/loggers/neptune` — the Neptune plugin (self-hosted servers), client and sync. */
export * from './plugin.js';
export * from './api.js';
export * from './ops.js';
export * from './store.js';
export * from './sync.js';
export * from './token.js';
