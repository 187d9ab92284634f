import type { RegisterCommand } from './types.js';
import { registerEnv } from './env.js';
import { registerLoggers } from './loggers.js';

/**
 * Every command module of the `weatherlearn` CLI, in help order. A new command adds its module here.
 */
export const COMMANDS: RegisterCommand[] = [
  registerEnv,
  registerLoggers,
];
