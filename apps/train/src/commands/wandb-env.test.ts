import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAppConfig } from '../config/presets.js';
import { loggerOptionsFromConfig } from './loggers.js';
import { netrcPassword } from './wandb-env.js';

test('WANDB_* variables map onto the W&B plugin options the way the official client reads them', () => {
  const env = {
    WANDB_MODE: 'dryrun', WANDB_DIR: '/scratch/wandb', WANDB_RUN_ID: 'abc123', WANDB_RESUME: 'must',
    WANDB_TAGS: 'sweep-3, superdarn,', WANDB_NOTES: 'lr sweep', WANDB_API_KEY: 'k-from-env', NETRC: '/nonexistent',
  };
  const o = loggerOptionsFromConfig(resolveAppConfig({ env }).loggers, undefined, env);
  assert.equal(o.runId, 'abc123');
  assert.deepEqual(o.wandb, {
    mode: 'offline', baseUrl: 'https://api.wandb.ai', project: 'weatherlearn', resume: 'must', apiKey: 'k-from-env',
    dir: '/scratch/wandb', tags: ['sweep-3', 'superdarn'], notes: 'lr sweep',
  });
  assert.equal(loggerOptionsFromConfig(resolveAppConfig({ env: { WANDB_MODE: 'run' } }).loggers, undefined, {}).wandb?.mode, 'online');
  assert.equal(loggerOptionsFromConfig(resolveAppConfig({ env: { WANDB_MODE: 'disabled' } }).loggers, undefined, {}).wandb?.mode, 'disabled');
  assert.throws(() => resolveAppConfig({ env: { WANDB_MODE: 'onlne' } }), /must be one of online, .*got "onlne" \(from environment WANDB_MODE\)/);
  assert.throws(() => resolveAppConfig({ env: { WANDB_RESUME: 'sometimes' } }), /must be one of allow, .*got "sometimes"/);
});

test('~/.netrc (or $NETRC) supplies the W&B key for the base URL host when none is set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-netrc-'));
  try {
    const netrc = join(dir, '.netrc');
    writeFileSync(netrc, 'machine example.org login me password other\nmachine api.wandb.ai\n  login user\n  password netrc-key-123\ndefault login x password fallback-key\n');
    const fromHome = loggerOptionsFromConfig(resolveAppConfig({ env: {} }).loggers, undefined, { HOME: dir });
    assert.equal(fromHome.wandb?.apiKey, 'netrc-key-123');
    const local = resolveAppConfig({ env: { WANDB_BASE_URL: 'http://wandb.local:8080' } }).loggers;
    assert.equal(loggerOptionsFromConfig(local, undefined, { NETRC: netrc }).wandb?.apiKey, 'fallback-key', 'default entry');
    const explicit = resolveAppConfig({ env: { WANDB_API_KEY: 'env-wins' } }).loggers;
    assert.equal(loggerOptionsFromConfig(explicit, undefined, { NETRC: netrc }).wandb?.apiKey, 'env-wins');
    assert.equal(netrcPassword('api.wandb.ai', { NETRC: join(dir, 'missing') }), undefined);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
