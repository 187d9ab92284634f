import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SUPERDARN_CONFIG } from '@weatherlearn/pangu';
import { ConfigError } from './resolve.js';
import { resolveAppConfig } from './presets.js';

const dir = mkdtempSync(join(tmpdir(), 'wl-presets-'));
const file = (name: string, data: unknown) => { const p = join(dir, name); writeFileSync(p, JSON.stringify(data)); return p; };

test('a preset sets every architecture key it names; explicit keys override it', () => {
  const full = resolveAppConfig({ file: file('a.json', { pangu: { preset: 'superdarn' } }) }, 'pangu');
  assert.equal(full.pangu.embedDim, DEFAULT_SUPERDARN_CONFIG.embedDim);
  assert.deepEqual(full.pangu.numHeads, DEFAULT_SUPERDARN_CONFIG.numHeads);
  assert.deepEqual(full.pangu.depths, DEFAULT_SUPERDARN_CONFIG.depths);
  assert.deepEqual(full.pangu.windowSize, DEFAULT_SUPERDARN_CONFIG.windowSize);
  const narrow = resolveAppConfig({ file: file('b.json', { pangu: { preset: 'superdarn', embedDim: 64 } }) }, 'pangu');
  assert.equal(narrow.pangu.embedDim, 64);
  assert.deepEqual(narrow.pangu.depths, DEFAULT_SUPERDARN_CONFIG.depths, 'the other preset keys stay');
  const viaSet = resolveAppConfig({ sets: ['pangu.preset=superdarn', 'pangu.depths=[2,2,2,2]'] }, 'pangu');
  assert.deepEqual(viaSet.pangu.depths, [2, 2, 2, 2]);
  assert.equal(viaSet.pangu.embedDim, DEFAULT_SUPERDARN_CONFIG.embedDim);
  assert.throws(() => resolveAppConfig({ sets: ['pangu.preset=superdran'] }), (e: Error) => e instanceof ConfigError && /superdarn/.test(e.message) && /tiny/.test(e.message));
});

test('one schema: torch is a valid backend in a run config; enum values are checked and listed', () => {
  assert.equal(resolveAppConfig({ file: file('t.json', { engine: { backend: 'torch' } }) }, 'pangu').engine.backend, 'torch');
  assert.throws(() => resolveAppConfig({ sets: ['loggers.wandb.mode=onlne'] }), /loggers\.wandb\.mode.*one of online, offline/);
  assert.throws(() => resolveAppConfig({ sets: ['pangu.loss=mse'] }), /mse-mean, mse-sum, l1-weighted|l1-weighted/);
  assert.throws(() => resolveAppConfig({ env: { WEATHERLEARN_PANGU_OPTIMIZER: 'sgd' } }), /pangu\.optimizer.*adam-l2, adamw/);
});

test('engine.cpuCacheMiB: 1024 by default, 0 turns the cache off, a negative one is refused naming the key', () => {
  assert.equal(resolveAppConfig({}).engine.cpuCacheMiB, 1024);
  assert.equal(resolveAppConfig({ sets: ['engine.cpuCacheMiB=0'] }).engine.cpuCacheMiB, 0);
  assert.throws(() => resolveAppConfig({ sets: ['engine.cpuCacheMiB=-5'] }), (e: Error) => e instanceof ConfigError && /"engine\.cpuCacheMiB" must be a number ≥ 0 \(0 turns the CPU block cache off\), got -5/.test(e.message));
  assert.throws(() => resolveAppConfig({ sets: ['engine.threads=-1'] }), /"engine\.threads" must be a number ≥ 0/);
});

test('per-model defaults: DINO clips per parameter at 3.0 and uses its own lr/wd unless set', () => {
  const d = resolveAppConfig({}, 'dino');
  assert.equal(d.trainer.gradientClipVal, 3);
  assert.equal(d.trainer.gradientClipAlgorithm, 'per-parameter');
  assert.equal(d.optim.weightDecayEnd, 0.4);
  const p = resolveAppConfig({}, 'pangu');
  assert.equal(p.trainer.gradientClipVal, 0);
  assert.equal(p.optim.weightDecay, 3e-6);
  const own = resolveAppConfig({ sets: ['trainer.gradientClipVal=1', 'trainer.gradientClipAlgorithm=norm'] }, 'dino');
  assert.equal(own.trainer.gradientClipVal, 1);
  assert.equal(own.trainer.gradientClipAlgorithm, 'norm');
});
