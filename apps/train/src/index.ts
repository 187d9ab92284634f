/** @weatherlearn/train — the `weatherlearn` CLI, usable programmatically. */
export { buildProgram, runCli, type ProgramIO } from './program.js';
export type { AppContext, RegisterCommand } from './commands/types.js';
export { DEFAULT_APP_CONFIG, type AppConfig } from './config/schema.js';
export { resolveConfig, redactSecrets, ConfigError } from './config/resolve.js';
