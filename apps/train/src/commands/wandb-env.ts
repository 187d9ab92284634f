import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LoggerOptions, WandbOptions } from '@weatherlearn/loggers';
import type { AppConfig } from '../config/schema.js';

/**
 * The password of `machine <host>` (else `default`) in a netrc file, the way the official W&B client
 * finds the key `wandb login` stored (`machine api.wandb.ai login user password <key>`). Undefined
 * when the file or entry is missing. The file is `$NETRC`, else `~/.netrc`.
 */
export function netrcPassword(host: string, env: Record<string, string | undefined>): string | undefined {
  const path = env.NETRC || join(env.HOME || homedir(), '.netrc');
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch { return undefined; }
  const tokens = text.split(/\s+/).filter(Boolean);
  let current: string | null = null; // the machine whose entries we are reading ('' = default)
  let found: string | undefined;
  let fallback: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'machine') current = tokens[++i] ?? null;
    else if (t === 'default') current = '';
    else if (t === 'macdef') { current = null; while (i + 1 < tokens.length && tokens[i + 1] !== 'machine' && tokens[i + 1] !== 'default') i++; }
    else if (t === 'login' || t === 'account') i++;
    else if (t === 'password') {
      const pw = tokens[++i];
      if (current === host && found === undefined) found = pw;
      if (current === '' && fallback === undefined) fallback = pw;
    }
  }
  return found ?? fallback;
}

/** `WANDB_MODE` values of the official client onto the plugin's modes (`dryrun` = offline, `run` = online). */
export function wandbMode(mode: AppConfig['loggers']['wandb']['mode']): WandbOptions['mode'] {
  return mode === 'dryrun' ? 'offline' : mode === 'run' ? 'online' : mode;
}

/**
 * W&B plugin options from the resolved config (where `WANDB_*` variables landed) plus the netrc key:
 * mode, dir, resume, extra tags and notes; `runId` (from `WANDB_RUN_ID`) names the run for every plugin.
 */
export function wandbOptionsFromConfig(
  w: AppConfig['loggers']['wandb'], env: Record<string, string | undefined>, mode?: 'online' | 'offline',
): { wandb: Partial<WandbOptions>; runId?: string } {
  let host = '';
  try { host = new URL(w.baseUrl).hostname; } catch { /* the plugin reports a bad baseUrl */ }
  const apiKey = w.apiKey || (host ? netrcPassword(host, env) : undefined);
  const tags = w.tags.split(',').map((t) => t.trim()).filter(Boolean);
  const wandb: Partial<WandbOptions> = {
    mode: mode ?? wandbMode(w.mode), baseUrl: w.baseUrl, project: w.project, resume: w.resume,
    ...(apiKey ? { apiKey } : {}), ...(w.entity ? { entity: w.entity } : {}), ...(w.dir ? { dir: w.dir } : {}),
    ...(tags.length ? { tags } : {}), ...(w.notes ? { notes: w.notes } : {}),
  };
  return { wandb, ...(w.runId ? { runId: w.runId } : {}) };
}

/** The part of {@link LoggerOptions} the app derives from its config. */
export type ConfigLoggerOptions = Pick<LoggerOptions, 'wandb' | 'neptune' | 'runId'>;
