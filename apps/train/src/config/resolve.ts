import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { SECRET_KEY_PATTERN, ENV_ALIASES } from './schema.js';

/** A configuration problem the user can fix (bad key, bad value, unreadable file). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf key path of a defaults object (`engine.backend`, …). */
export function leafPaths(obj: Obj, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (isObj(v) ? leafPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** `engine.threads` → `WEATHERLEARN_ENGINE_THREADS`, `loggers.wandb.apiKey` → `WEATHERLEARN_LOGGERS_WANDB_API_KEY`. */
export function envName(path: string): string {
  return 'WEATHERLEARN_' + path.split('.').map((s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()).join('_');
}

function unknownKey(path: string, source: string, valid: string[]): ConfigError {
  return new ConfigError(`unknown config key "${path}" (from ${source}). Valid keys:\n  ${valid.join('\n  ')}`);
}

/** Converts a raw value to the type of the default it replaces, or throws a ConfigError. */
function coerce(path: string, raw: Json, like: Json, source: string): Json {
  const bad = (want: string) => new ConfigError(`config key "${path}" (from ${source}) must be ${want}, got ${JSON.stringify(raw)}`);
  if (typeof like === 'number') {
    const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw bad('a number');
    return n;
  }
  if (typeof like === 'boolean') {
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw bad('true or false');
  }
  if (Array.isArray(like)) {
    if (Array.isArray(raw)) return raw;
    if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter(Boolean);
    throw bad('a list');
  }
  if (typeof raw !== 'string') throw bad('a string');
  return raw;
}

interface SetContext { defaults: Obj; valid: string[]; enums: Readonly<Record<string, readonly string[]>>; explicit: Set<string> }

function setPath(target: Obj, c: SetContext, path: string, raw: Json, source: string): void {
  const { defaults, valid } = c;
  const parts = path.split('.');
  let t: Obj = target, d: Json = defaults;
  for (const [i, p] of parts.entries()) {
    if (!isObj(d) || !(p in d)) throw unknownKey(path, source, valid);
    if (i === parts.length - 1) {
      if (isObj(d[p])) throw new ConfigError(`config key "${path}" (from ${source}) is a section; set one of its keys`);
      const value = coerce(path, raw, d[p]!, source);
      const allowed = c.enums[path];
      if (allowed && !allowed.includes(value as string)) {
        throw new ConfigError(`config key "${path}" must be one of ${allowed.join(', ')}; got ${JSON.stringify(raw)} (from ${source})`);
      }
      t[p] = value;
      c.explicit.add(path);
    } else {
      d = d[p]!;
      t = t[p] as Obj;
    }
  }
}

/** Reads a JSON or YAML config file. */
export function readConfigFile(path: string): Obj {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`); }
  let data: unknown;
  try { data = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text); } catch (e) {
    throw new ConfigError(`config file ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
  if (data == null) return {};
  if (!isObj(data)) throw new ConfigError(`config file ${path} must hold an object at the top level`);
  return data;
}

/** Inputs of {@link resolveConfig}, lowest to highest precedence after the defaults. */
export interface ConfigSources {
  file?: string;
  /** More config files after `file`, later ones winning (the global `--config`, then `train --config`). */
  files?: string[];
  /** Allowed values of enum keys (`CONFIG_ENUMS`); a value outside them is an error naming the choices. */
  enums?: Readonly<Record<string, readonly string[]>>;
  env?: Record<string, string | undefined>;
  /** `key.path=value` strings from `--set`. Values are parsed as JSON when they parse, else taken as strings. */
  sets?: string[];
}

/** Resolves defaults < config file < environment < `--set`, rejecting unknown keys with the list of valid ones. */
export function resolveConfig<T extends object>(defaults: T, sources: ConfigSources): T {
  return resolveConfigTracked(defaults, sources).config;
}

/** A resolved config and the key paths that a file, the environment or `--set` set explicitly. */
export interface TrackedConfig<T> { config: T; explicit: Set<string> }

/**
 * {@link resolveConfig}, also returning which keys were set explicitly, so that presets and
 * per-model defaults (`config/presets.ts`) fill only the keys a user left alone.
 */
export function resolveConfigTracked<T extends object>(defaults: T, sources: ConfigSources): TrackedConfig<T> {
  const d = defaults as unknown as Obj;
  const c: SetContext = { defaults: d, valid: leafPaths(d), enums: sources.enums ?? {}, explicit: new Set() };
  const out = structuredClone(d);
  // Nested file objects are merged key by key; dotted keys at any level are accepted too.
  const flat = (o: Obj, pre = ''): [string, Json][] =>
    Object.entries(o).flatMap(([k, v]) => (isObj(v) ? flat(v, `${pre}${k}.`) : [[`${pre}${k}`, v] as [string, Json]]));
  for (const file of [sources.file, ...(sources.files ?? [])]) {
    if (!file) continue;
    for (const [k, v] of flat(readConfigFile(file))) setPath(out, c, k, v, `config file ${file}`);
  }
  const env = sources.env ?? {};
  const byEnv = new Map(c.valid.map((p) => [envName(p), p]));
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const alias = ENV_ALIASES[name];
    if (alias && c.valid.includes(alias)) { setPath(out, c, alias, value, `environment ${name}`); continue; }
    if (!name.startsWith('WEATHERLEARN_') || name === 'WEATHERLEARN_CONFIG' || name === 'WEATHERLEARN_DEBUG') continue;
    const path = byEnv.get(name);
    if (!path) throw new ConfigError(`unknown environment variable ${name}. Valid WEATHERLEARN_* variables:\n  ${[...byEnv.keys()].join('\n  ')}`);
    setPath(out, c, path, value, `environment ${name}`);
  }
  for (const s of sources.sets ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--set expects key.path=value, got "${s}"`);
    const key = s.slice(0, eq), text = s.slice(eq + 1);
    let value: Json;
    try { value = JSON.parse(text) as Json; } catch { value = text; }
    setPath(out, c, key, value, `--set ${key}`);
  }
  return { config: out as unknown as T, explicit: c.explicit };
}

/** A deep copy with every secret value replaced by "***" (empty secrets stay empty). */
export function redactSecrets<T>(config: T): T {
  const walk = (v: Json, key: string): Json => {
    if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    return SECRET_KEY_PATTERN.test(key) && typeof v === 'string' && v !== '' ? '***' : v;
  };
  return walk(config as unknown as Json, '') as unknown as T;
}
