import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { COMMANDS, commandOf } from './commands/index.js';
import type { AppContext } from './commands/types.js';
import type { AppConfig } from './config/schema.js';
import { redactSecrets, ConfigError, type ConfigSources } from './config/resolve.js';

/**
 * The native libtorch backend plugs into the engine's registry here (the composition root). Where its
 * addon is built (`npm run build:native -w @weatherlearn/tfjs-backend-torch`), `auto` prefers it
 * (priority 500 > wasm's 200): every model suite and reference check passes on it and it trains
 * 2–6× faster than wasm. Without the addon, `auto` skips it with the reason and uses wasm.
 */
export const TORCH_AUTO_PRIORITY = 500;

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Options of {@link buildProgram}; tests pass their own sinks and environment. */
export interface ProgramIO {
  out?: (line: string) => void;
  err?: (line: string) => void;
  env?: Record<string, string | undefined>;
  isTTY?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/**
 * Builds the `weatherlearn` program: global options (config file, `--set`, `--print-config`), then
 * the commands of `commands/index.ts`. This is the composition root of the toolkit. With `argv`, only
 * the module of the command it runs is imported (the others are listed by name and summary, which is
 * all the root `--help` shows); without, every command is registered fully.
 */
export async function buildProgram(io: ProgramIO = {}, argv?: readonly string[]): Promise<Command> {
  let resolved: AppConfig | undefined;
  let sources: ConfigSources | undefined;
  const ctx: AppContext = {
    out: io.out ?? ((l) => process.stdout.write(l + '\n')),
    err: io.err ?? ((l) => process.stderr.write(l + '\n')),
    env: io.env ?? process.env,
    isTTY: io.isTTY ?? Boolean(process.stderr.isTTY),
    config: () => {
      if (!resolved) throw new Error('config requested before it was resolved');
      return resolved;
    },
    configSources: () => {
      if (!sources) throw new Error('config requested before it was resolved');
      return sources;
    },
  };
  const program = new Command('weatherlearn')
    .description('WeatherLearn.ts — from raw space-weather and radar files to trained models.')
    .version(pkg.version, '-V, --version')
    .option('-c, --config <file>', 'config file (JSON or YAML); also $WEATHERLEARN_CONFIG')
    .option('--set <key=value>', 'override one config key, e.g. --set engine.backend=cpu (repeatable)', collect, [])
    .option('--print-config', 'print the resolved config (secrets redacted) and exit')
    // Global options go before the command, so a command may have its own --config (a job or run file).
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (s) => ctx.out(s.replace(/\n$/, '')), writeErr: (s) => ctx.err(s.replace(/\n$/, '')) });

  program.hook('preAction', async () => {
    // The root's own options only: a command's local --config (job/run file) is not the app config.
    const g = program.opts() as { config?: string; set: string[]; printConfig?: boolean };
    sources = { file: g.config ?? ctx.env.WEATHERLEARN_CONFIG, env: ctx.env, sets: g.set };
    // Imported here, not at the top: `--version` and `--help` never load the engine or model code.
    const [{ resolveAppConfig }, { registerBackendCandidate }, { createTorchCandidate }] = await Promise.all([
      import('./config/presets.js'), import('@weatherlearn/engine'), import('@weatherlearn/tfjs-backend-torch'),
    ]);
    resolved = resolveAppConfig(sources);
    const { device, threads, cpuCacheMiB } = resolved.engine;
    registerBackendCandidate({ ...createTorchCandidate({ device, cpuCacheMiB, ...(threads ? { threads } : {}) }), priority: TORCH_AUTO_PRIORITY });
    if (g.printConfig) {
      ctx.out(JSON.stringify(redactSecrets(resolved), null, 2));
      throw new CommanderError(0, 'weatherlearn.printConfig', '');
    }
  });
  // Errors become exceptions (handled by runCli) rather than process.exit, in every subcommand.
  program.exitOverride();
  const wanted = argv ? commandOf(argv) : undefined;
  for (const entry of COMMANDS) {
    if (!argv || entry.name === wanted) { (await entry.load())(program, ctx); continue; }
    // Listed, never run: runCli registers the command it runs in full.
    program.command(entry.name).description(entry.summary).allowUnknownOption().allowExcessArguments()
      .action(() => { throw new Error(`internal: command ${entry.name} was not loaded`); });
  }
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: string[], io: ProgramIO = {}): Promise<number> {
  const program = await buildProgram(io, argv);
  const err = io.err ?? ((l: string) => process.stderr.write(l + '\n'));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof ConfigError) { err(`weatherlearn: ${e.message}`); return 2; }
    err(`weatherlearn: ${(e as Error).message}`);
    if (ctxDebug(io)) err((e as Error).stack ?? '');
    return 1;
  }
}

function ctxDebug(io: ProgramIO): boolean {
  return Boolean((io.env ?? process.env).WEATHERLEARN_DEBUG);
}
