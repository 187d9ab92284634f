/**
 * @weatherlearn/loggers — plugin loggers behind one contract. This index only re-exports; each
 * plugin is its own entry point (`@weatherlearn/loggers/wandb`, …) and the registry loads it lazily.
 */
export * from './core/types.js';
export * from './core/registry.js';
export * from './core/fanout.js';
export * from './core/runid.js';
export * from './core/sender.js';
export * from './core/retry.js';
export * from './core/http.js';
export * from './core/sync.js';
export * from './core/check.js';
export { WarnOnce } from './core/warn.js';
