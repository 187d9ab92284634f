import { Command, CommanderError } from 'commander';
import type { AppContext, RegisterCommand } from '../../commands/types.js';

/** Quotes a word for display in a shell command line (only when needed). */
export function shellWord(w: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs one `weatherlearn …` command in-process: a fresh program with the given command modules,
 * the caller's context (its stdout lines are shown indented on stderr, as progress), errors
 * raised with the command line. Used by the demo so each step is exactly a CLI command.
 */
export async function runSubcommand(registers: RegisterCommand[], args: string[], ctx: AppContext): Promise<void> {
  const line = `weatherlearn ${args.map(shellWord).join(' ')}`;
  ctx.err(`$ ${line}`);
  const sub: AppContext = { ...ctx, out: (l) => ctx.err(`  ${l}`), err: (l) => ctx.err(`  ${l}`) };
  const program = new Command('weatherlearn').exitOverride().enablePositionalOptions()
    .configureOutput({ writeOut: (s) => sub.out(s.replace(/\n$/, '')), writeErr: (s) => sub.err(s.replace(/\n$/, '')) });
  for (const register of registers) register(program, sub);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    const why = e instanceof CommanderError ? e.message : (e as Error).message;
    throw new Error(`demo step failed: ${line}\n  ${why}`);
  }
}
