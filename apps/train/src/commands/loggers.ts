import { InvalidArgumentError, Option } from 'commander';
import { listLoggers, runLoggerCheck, syncRunDir, type LoggerOptions } from '@weatherlearn/loggers';
import type { AppConfig } from '../config/schema.js';
import { intArg } from '../cli-args.js';
import type { AppContext, RegisterCommand } from './types.js';
import { wandbOptionsFromConfig, type ConfigLoggerOptions } from './wandb-env.js';

function pluginList(v: string): string[] {
  const names = v.split(',').map((s) => s.trim()).filter(Boolean);
  const valid = listLoggers();
  const bad = names.filter((n) => !valid.includes(n));
  if (!names.length) throw new InvalidArgumentError('--loggers needs at least one name');
  if (bad.length) throw new InvalidArgumentError(`unknown logger${bad.length > 1 ? 's' : ''} ${bad.map((b) => `"${b}"`).join(', ')}; valid loggers: ${valid.join(', ')}`);
  return names;
}

/**
 * Logger options from the resolved app config (keys come from WANDB_API_KEY / NEPTUNE_API_TOKEN there,
 * the W&B key else from ~/.netrc; WANDB_MODE/DIR/RUN_ID/RESUME/TAGS/NOTES as the official client).
 * `env` is only read for the netrc location (`NETRC`, `HOME`).
 */
export function loggerOptionsFromConfig(cfg: AppConfig['loggers'], mode?: 'online' | 'offline', env: Record<string, string | undefined> = process.env): ConfigLoggerOptions {
  const w = wandbOptionsFromConfig(cfg.wandb, env, mode);
  return {
    ...(w.runId ? { runId: w.runId } : {}),
    wandb: w.wandb,
    neptune: {
      mode: mode ?? cfg.neptune.mode,
      ...(cfg.neptune.apiToken ? { apiToken: cfg.neptune.apiToken } : {}), ...(cfg.neptune.project ? { project: cfg.neptune.project } : {}),
    },
  };
}

async function check(ctx: AppContext, opts: { loggers?: string[]; out: string; steps: number; mode?: 'online' | 'offline'; timeout: number }) {
  const cfg = ctx.config().loggers;
  const names = opts.loggers ?? cfg.names;
  ctx.err(`loggers check: ${opts.steps} synthetic steps through ${names.join(', ')} into ${opts.out}`);
  const results = await runLoggerCheck({
    loggers: names, outDir: opts.out, steps: opts.steps, out: () => {}, ...loggerOptionsFromConfig(cfg, opts.mode, ctx.env),
    retry: { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 2000, timeoutMs: opts.timeout * 1000 },
  });
  const width = Math.max(...results.map((r) => r.plugin.length));
  for (const r of results) {
    ctx.out(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.plugin.padEnd(width)}  ${r.detail}`);
    for (const w of r.warnings) ctx.out(`      ${' '.repeat(width)}  ${w}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  if (failed) throw new Error(`loggers check: ${failed} of ${results.length} plugin(s) did not arrive`);
}

async function sync(ctx: AppContext, runDir: string, opts: { timeout: number; baseUrl?: string }) {
  const cfg = ctx.config().loggers;
  const key = loggerOptionsFromConfig(cfg, undefined, ctx.env).wandb?.apiKey;
  const results = await syncRunDir(runDir, {
    wandb: { ...(key ? { apiKey: key } : {}), ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) },
    neptune: { ...(cfg.neptune.apiToken ? { apiToken: cfg.neptune.apiToken } : {}), ...(cfg.neptune.project ? { project: cfg.neptune.project } : {}) },
    retry: { timeoutMs: opts.timeout * 1000 },
  });
  for (const r of results) ctx.out(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.service}  ${r.detail}`);
  const failed = results.filter((r) => !r.ok).length;
  if (failed) throw new Error(`loggers sync: ${failed} service(s) not synced; run again once fixed (nothing is sent twice)`);
}

/** `weatherlearn loggers check|sync`: test logging services before a long job; upload kept runs. */
export const registerLoggers: RegisterCommand = (program, ctx) => {
  const cmd = program.command('loggers').description('test logger plugins and upload runs kept offline (W&B, Neptune)');
  cmd.command('check')
    .description('send a short synthetic run (hyper-parameters, N steps of scalars, a summary) through the chosen plugins and report per plugin whether it arrived')
    .option('--loggers <names>', `comma-separated plugins (${listLoggers().join(', ')}); default: config loggers.names`, pluginList)
    .requiredOption('--out <dir>', 'output folder; each plugin writes to <dir>/<plugin>')
    .option('--steps <n>', 'synthetic steps', intArg('--steps', { min: 1 }), 20)
    .addOption(new Option('--mode <mode>', 'override loggers.wandb.mode / loggers.neptune.mode').choices(['online', 'offline']))
    .option('--timeout <s>', 'per-request timeout in seconds', intArg('--timeout', { min: 1 }), 30)
    .addHelpText('after', '\nCredentials come from WANDB_API_KEY / NEPTUNE_API_TOKEN (or the config) and are never printed.\nExample: weatherlearn loggers check --loggers tensorboard,jsonl,wandb --out /tmp/lc --mode online')
    .action((opts) => check(ctx, opts));
  cmd.command('sync')
    .description('upload what RUN_DIR keeps for W&B (RUN_DIR/wandb) and Neptune (RUN_DIR/neptune); safe to repeat')
    .argument('<RUN_DIR>', 'run folder written by the wandb / neptune plugins')
    .option('--base-url <url>', 'W&B server to upload to (default: the one stored with the run)')
    .option('--timeout <s>', 'per-request timeout in seconds', intArg('--timeout', { min: 1 }), 30)
    .action((runDir: string, opts) => sync(ctx, runDir, opts));
};
