/** `@weatherlearn/loggers/wandb` — the Weights & Biases plugin, its protocol client and sync. */
export * from './plugin.js';
export * from './api.js';
export * from './store.js';
export * from './sync.js';
