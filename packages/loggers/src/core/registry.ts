import { FanOutLogger, NullLogger } from './fanout.js';
import { checkRunId, newRunId } from './runid.js';
import type { Logger, LoggerFactory, LoggerOptions } from './types.js';
import { defaultWarn, WarnOnce } from './warn.js';

/** Loads a plugin's factory on first use (a dynamic import, so unused plugins cost nothing). */
export type LoggerLoader = () => Promise<LoggerFactory>;

const registry = new Map<string, LoggerLoader>();

const BUILTINS: Record<string, LoggerLoader> = {
  console: async () => (await import('../plugins/console.js')).createConsoleLogger,
  jsonl: async () => (await import('../plugins/jsonl.js')).createJsonlLogger,
  csv: async () => (await import('../plugins/csv.js')).createCsvLogger,
  tensorboard: async () => (await import('../tensorboard/plugin.js')).createTensorBoardLogger,
  wandb: async () => (await import('../wandb/plugin.js')).createWandbLogger,
  neptune: async () => (await import('../neptune/plugin.js')).createNeptuneLogger,
};

/** Plugins that are always on (local run folder), whatever the config names. */
export const ALWAYS_ON_LOGGERS: readonly string[] = ['jsonl', 'csv'];

/** The default `loggers` config value. */
export const DEFAULT_LOGGERS: readonly string[] = ['console', 'jsonl', 'csv'];

/**
 * Registers a plugin under `name`. `factory` may be the factory itself or a loader returning it
 * (mark loaders with `{ lazy: true }`). Registering an existing name replaces it.
 */
export function registerLogger(name: string, factory: LoggerFactory | LoggerLoader, opts: { lazy?: boolean } = {}): void {
  if (!/^[a-z][a-z0-9_-]*$/.test(name)) throw new Error(`registerLogger: invalid plugin name ${JSON.stringify(name)}`);
  const loader: LoggerLoader = opts.lazy ? (factory as LoggerLoader) : async () => factory as LoggerFactory;
  registry.set(name, loader);
}

/** Names of every known plugin (built-in and registered), sorted. */
export function listLoggers(): string[] {
  return [...new Set([...Object.keys(BUILTINS), ...registry.keys()])].sort();
}

function loaderFor(name: string): LoggerLoader {
  const loader = registry.get(name) ?? (Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined);
  if (!loader) throw new Error(`unknown logger "${name}"; valid loggers: ${listLoggers().join(', ')}`);
  return loader;
}

/**
 * Creates one plugin's logger by name. Ranks other than 0 get a {@link NullLogger} unless
 * `options.allRanks`. Unknown names throw an error listing the valid ones.
 */
export async function createLogger(name: string, options: LoggerOptions): Promise<Logger> {
  const loader = loaderFor(name);
  const runId = checkRunId(options.runId ?? newRunId());
  if ((options.rank ?? 0) !== 0 && !options.allRanks) return new NullLogger(runId);
  const factory = await loader();
  return factory({ ...options, runId });
}

/**
 * Creates a {@link FanOutLogger} over `names` plus the always-on local plugins (`jsonl`, `csv`),
 * all sharing one run id. Every name is checked before any plugin is created.
 */
export async function createLoggers(names: readonly string[], options: LoggerOptions): Promise<FanOutLogger> {
  const all = [...new Set([...names.map((n) => n.trim()).filter(Boolean), ...ALWAYS_ON_LOGGERS])];
  for (const n of all) loaderFor(n);
  const runId = checkRunId(options.runId ?? newRunId());
  const once = new WarnOnce(options.warn ?? defaultWarn);
  const loggers: Logger[] = [];
  for (const n of all) loggers.push(await createLogger(n, { ...options, runId }));
  return new FanOutLogger(runId, loggers, (plugin, err, call) =>
    once.warn(`${plugin}.${call}`, `loggers: ${plugin}.${call} failed (${err instanceof Error ? err.message : String(err)}); training continues, further ${plugin}.${call} errors are not repeated`));
}
