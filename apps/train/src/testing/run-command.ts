import { Command, CommanderError } from 'commander';
import type { AppContext, RegisterCommand } from '../commands/types.js';
import { DEFAULT_APP_CONFIG, type AppConfig } from '../config/schema.js';

/** What a command printed and how it ended. */
export interface CommandRun { code: number; out: string[]; err: string[] }

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  env?: Record<string, string | undefined>;
  config?: AppConfig;
}

/**
 * Test helper: registers ONE command module on a fresh program (errors become exit codes, output is
 * captured) and runs `args` through it, so each command's tests need not build the whole CLI.
 */
export async function runCommand(register: RegisterCommand, args: string[], opts: RunCommandOptions = {}): Promise<CommandRun> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: AppContext = {
    out: (l) => out.push(l), err: (l) => err.push(l), env: opts.env ?? {}, isTTY: false,
    config: () => opts.config ?? DEFAULT_APP_CONFIG,
    configSources: () => ({ env: opts.env ?? {} }),
  };
  const program = new Command('weatherlearn').exitOverride().enablePositionalOptions()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  register(program, ctx);
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    err.push((e as Error).message);
    return { code: 1, out, err };
  }
}
