import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, redactSecrets, envName, ConfigError } from './resolve.js';
import { DEFAULT_APP_CONFIG } from './schema.js';

const dir = mkdtempSync(join(tmpdir(), 'wl-config-'));

test('precedence: defaults < file < environment < --set', () => {
  const yaml = join(dir, 'c.yaml');
  writeFileSync(yaml, 'engine:\n  backend: cpu\n  threads: 2\nseed: 7\n');
  const c = resolveConfig(DEFAULT_APP_CONFIG, {
    file: yaml,
    env: { WEATHERLEARN_ENGINE_THREADS: '3', WEATHERLEARN_SEED: '8', PATH: '/bin' },
    sets: ['seed=9', 'loggers.names=["jsonl","wandb"]'],
  });
  assert.equal(c.engine.backend, 'cpu');
  assert.equal(c.engine.threads, 3);
  assert.equal(c.seed, 9);
  assert.deepEqual(c.loggers.names, ['jsonl', 'wandb']);
  assert.equal(DEFAULT_APP_CONFIG.seed, 0, 'defaults are not mutated');
});

test('unknown keys are rejected with the list of valid keys', () => {
  assert.throws(() => resolveConfig(DEFAULT_APP_CONFIG, { sets: ['no.such.key=1'] }),
    (e: Error) => e instanceof ConfigError && /unknown config key "no.such.key"/.test(e.message) && /engine\.backend/.test(e.message));
  const json = join(dir, 'bad.json');
  writeFileSync(json, JSON.stringify({ engine: { backnd: 'cpu' } }));
  assert.throws(() => resolveConfig(DEFAULT_APP_CONFIG, { file: json }), /engine\.backnd.*config file/s);
  assert.throws(() => resolveConfig(DEFAULT_APP_CONFIG, { env: { WEATHERLEARN_ENGINE_BACKNED: 'x' } }), /WEATHERLEARN_ENGINE_BACKEND/);
});

test('values are coerced to the type of their default, with clear errors', () => {
  assert.throws(() => resolveConfig(DEFAULT_APP_CONFIG, { sets: ['engine.threads=many'] }), /must be a number/);
  assert.equal(resolveConfig(DEFAULT_APP_CONFIG, { sets: ['s3.forcePathStyle=false'] }).s3.forcePathStyle, false);
  assert.throws(() => resolveConfig(DEFAULT_APP_CONFIG, { sets: ['engine=cpu'] }), /is a section/);
  assert.throws(() => resolveConfig(DEFAULT_APP_CONFIG, { sets: ['engine.backend'] }), /key\.path=value/);
});

test('well-known variables map to config keys and secrets are redacted', () => {
  const c = resolveConfig(DEFAULT_APP_CONFIG, { env: { WANDB_API_KEY: 'sk-123', AWS_SECRET_ACCESS_KEY: 'abc' } });
  assert.equal(c.loggers.wandb.apiKey, 'sk-123');
  const r = redactSecrets(c);
  assert.equal(r.loggers.wandb.apiKey, '***');
  assert.equal(r.s3.secretAccessKey, '***');
  assert.ok(!JSON.stringify(r).includes('sk-123'));
  assert.equal(envName('loggers.wandb.apiKey'), 'WEATHERLEARN_LOGGERS_WANDB_API_KEY');
});
