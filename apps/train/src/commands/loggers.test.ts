import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { createLogger } from '@weatherlearn/loggers';
import { startWandbServer } from '@weatherlearn/loggers/testing';
import { DEFAULT_APP_CONFIG, type AppConfig } from '../config/schema.js';
import { registerLoggers } from './loggers.js';

const KEY = 'cli-test-key-0123456789abcdef0123456789abcdef';
const root = mkdtempSync(join(tmpdir(), 'wl-cli-loggers-'));
after(() => rmSync(root, { recursive: true, force: true }));

function allText(dir: string): string {
  return readdirSync(dir).map((f) => join(dir, f)).map((p) => (statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8'))).join('');
}

async function run(args: string[], loggers: Partial<AppConfig['loggers']> = {}) {
  const out: string[] = []; const err: string[] = [];
  const config = structuredClone(DEFAULT_APP_CONFIG);
  Object.assign(config.loggers, loggers);
  const program = new Command('weatherlearn').exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerLoggers(program, { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, isTTY: false, config: () => config, configSources: () => ({ env: {} }) });
  program.commands.forEach((c) => { c.exitOverride(); c.commands.forEach((s) => s.exitOverride()); });
  let error: Error | undefined;
  try { await program.parseAsync(args, { from: 'user' }); } catch (e) { error = e as Error; }
  return { out: out.join('\n'), err: err.join('\n'), error };
}

test('loggers check: tensorboard, jsonl, csv and wandb (loopback) all arrive; the key is never printed', async () => {
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const dir = join(root, 'check');
    const r = await run(['loggers', 'check', '--loggers', 'tensorboard,jsonl,csv,wandb', '--out', dir, '--steps', '5', '--mode', 'online'],
      { wandb: { ...DEFAULT_APP_CONFIG.loggers.wandb, apiKey: KEY, baseUrl: srv.url, project: 'cli' } });
    assert.equal(r.error, undefined, r.out + r.err);
    assert.match(r.out, /ok\s+tensorboard/);
    assert.match(r.out, /ok\s+wandb\s+5\/5 history lines acknowledged/);
    assert.ok(!(r.out + r.err + allText(dir)).includes(KEY));
  } finally { await srv.close(); }
});

test('loggers check: a plugin that does not arrive fails the command with a per-plugin report', async () => {
  const r = await run(['loggers', 'check', '--loggers', 'jsonl,wandb', '--out', join(root, 'off'), '--steps', '2']);
  assert.match(r.out, /ok\s+jsonl/);
  assert.match(r.out, /FAIL\s+wandb .*not delivered/);
  assert.match(r.error?.message ?? '', /1 of 2 plugin\(s\) did not arrive/);
});

test('loggers sync uploads an offline run with the key from the config', async () => {
  const runDir = join(root, 'offline-run');
  const l = await createLogger('wandb', { runDir, runId: 'cli1', wandb: { mode: 'offline', project: 'p' } });
  for (let s = 0; s < 3; s++) l.logMetrics({ loss: s }, s);
  await l.finalize('success');
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const r = await run(['loggers', 'sync', runDir, '--base-url', srv.url], { wandb: { ...DEFAULT_APP_CONFIG.loggers.wandb, apiKey: KEY } });
    assert.equal(r.error, undefined, r.out + r.err);
    assert.match(r.out, /ok\s+wandb .*3 history lines sent, finished/);
    assert.equal(srv.runs.get('test-entity/p/cli1')?.history.length, 3);
    const none = await run(['loggers', 'sync', runDir]);
    assert.match(none.out, /FAIL\s+wandb\s+no API key \(set WANDB_API_KEY\)/);
    assert.ok(none.error);
  } finally { await srv.close(); }
});

test('bad flags give helpful errors; --help describes the commands', async () => {
  assert.match((await run(['loggers', 'check', '--out', root, '--steps', '0'])).err, /--steps must be an integer >= 1, got '0'/);
  assert.match((await run(['loggers', 'check', '--out', root, '--loggers', 'jsonl,tensorbord'])).err, /unknown logger "tensorbord"; valid loggers: .*tensorboard/);
  assert.match((await run(['loggers', 'check'])).err, /required option '--out <dir>'/);
  assert.match((await run(['loggers', 'check', '--out', root, '--mode', 'sometimes'])).err, /Allowed choices are online, offline/);
  assert.match((await run(['loggers', 'sync'])).err, /missing required argument 'RUN_DIR'/);
  assert.match((await run(['loggers', 'sync', join(root, 'nothing-here')])).error?.message ?? '', /nothing to sync/);
  const help = await run(['loggers', 'check', '--help']);
  assert.match(help.out, /synthetic run[\s\S]*--loggers <names>[\s\S]*WANDB_API_KEY/);
});
