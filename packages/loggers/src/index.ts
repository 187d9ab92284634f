/**
 * @weatherlearn/loggers — plugin loggers behind one contract. This index only re-exports; each
 * plugin is its own entry point (`@weatherlearn/loggers/wandb`, …) and the registry loads it lazily.
 */
// The logger contract and its options.
export { DEFAULT_RETRY_OPTIONS, DEFAULT_WANDB_OPTIONS, DEFAULT_NEPTUNE_OPTIONS } from './core/types.js';
export type {
  StepMetrics, Hyperparams, RunStatus, Logger, RetryOptions, WandbOptions, NeptuneOptions, LoggerOptions,
  LoggerFactory,
} from './core/types.js';

// The plugin registry (lazy loading) and fan-out.
export {
  registerLogger, listLoggers, createLogger, createLoggers, DEFAULT_LOGGERS,
} from './core/registry.js';
export type { LoggerLoader } from './core/registry.js';
export { FanOutLogger, NullLogger } from './core/fanout.js';

// Reliable delivery and offline sync of run folders.
export { ReliableSender } from './core/sender.js';
export type { SenderOptions } from './core/sender.js';
export { syncRunDir } from './core/sync.js';
export type { SyncOptions, SyncResult } from './core/sync.js';

// Connectivity check of configured loggers.
export { runLoggerCheck } from './core/check.js';
export type { CheckResult, LoggerCheckOptions } from './core/check.js';
