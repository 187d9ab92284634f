import type { Command } from 'commander';
import type { AppConfig } from '../config/schema.js';
import type { ConfigSources } from '../config/resolve.js';

/** Output sinks and shared services the composition root hands to every command. */
export interface AppContext {
  /** Writes a line to stdout (results). */
  out(line: string): void;
  /** Writes a line to stderr (progress, warnings). */
  err(line: string): void;
  /** The process environment, read only here in the app (packages never read process.env). */
  env: Record<string, string | undefined>;
  /** True when stderr is a TTY (progress bars), false in logs (periodic lines). */
  isTTY: boolean;
  /**
   * The resolved configuration: defaults < `--config` file < environment < `--set` flags.
   * Resolved before any command action runs (bad keys fail early with the valid list).
   */
  config(): AppConfig;
  /**
   * Where {@link config} came from (global `--config`/`$WEATHERLEARN_CONFIG`, environment, global
   * `--set`), so a command with its own config file (`train --config`) resolves the same one schema
   * with its file and `--set` flags layered on top.
   */
  configSources(): ConfigSources;
}

/** A CLI command module: adds its (sub)commands to the program. */
export type RegisterCommand = (program: Command, ctx: AppContext) => void;
