import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FanOutLogger } from './fanout.js';
import { createLogger, createLoggers, listLoggers, registerLogger } from './registry.js';
import type { Logger } from './types.js';

const root = mkdtempSync(join(tmpdir(), 'wl-registry-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('unknown names fail before anything is created, listing the valid ones', async () => {
  await assert.rejects(createLogger('tensorbord', { runDir: join(root, 'x') }), /unknown logger "tensorbord"; valid loggers: console, csv, jsonl, neptune, tensorboard, wandb/);
  await assert.rejects(createLoggers(['jsonl', 'nope'], { runDir: join(root, 'y') }), /unknown logger "nope"/);
  assert.equal(existsSync(join(root, 'y')), false, 'no plugin started when a later name is bad');
});

test('registerLogger: eager and lazy factories; the loader runs only when used', async () => {
  let loads = 0;
  const seen: string[] = [];
  const make = (o: { runId: string }): Logger => ({
    name: 'mine', runId: o.runId, logHyperparams() {}, logSummary() {}, async flush() {}, async finalize() {},
    logMetrics(m, s) { seen.push(`${s}:${m.loss}`); },
  });
  registerLogger('mine', async () => { loads++; return make; }, { lazy: true });
  registerLogger('mine-eager', make);
  assert.ok(listLoggers().includes('mine') && listLoggers().includes('mine-eager'));
  assert.equal(loads, 0);
  const l = await createLogger('mine', { runDir: root, runId: 'abc' });
  assert.equal(loads, 1);
  l.logMetrics({ loss: 2 }, 3);
  assert.deepEqual(seen, ['3:2']);
  assert.throws(() => registerLogger('Bad Name', make), /invalid plugin name/);
  await assert.rejects(createLogger('mine', { runDir: root, runId: 'no spaces' }), /invalid runId/);
});

test('createLoggers: one run id for all, jsonl/csv always on, a throwing plugin is isolated with one warning', async () => {
  const warnings: string[] = [];
  registerLogger('flaky', (o) => ({
    name: 'flaky', runId: o.runId, logHyperparams() {}, logSummary() {}, async flush() {},
    async finalize() { throw new Error('flaky finalize'); },
    logMetrics() { throw new Error('flaky down'); },
  }));
  const runDir = join(root, 'fan');
  const fan = await createLoggers(['flaky'], { runDir, runId: 'run42', warn: (l) => warnings.push(l) });
  assert.ok(fan instanceof FanOutLogger);
  assert.deepEqual(fan.loggers.map((l) => l.name), ['flaky', 'jsonl', 'csv']);
  assert.ok(fan.loggers.every((l) => l.runId === 'run42'));
  for (let s = 0; s < 5; s++) fan.logMetrics({ loss: s }, s);
  assert.throws(() => fan.logMetrics({ loss: 1 }, -1), TypeError);
  await fan.finalize('success');
  assert.equal(readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 5);
  assert.equal(warnings.length, 2, warnings.join('\n')); // once for logMetrics, once for finalize
  assert.match(warnings[0]!, /flaky/);
  assert.equal(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).status, 'success');
});

test('csv widens its header when a new metric appears and resumes an existing file', async () => {
  const runDir = join(root, 'csv');
  const a = await createLogger('csv', { runDir, runId: 'c1' });
  a.logMetrics({ loss: 1 }, 0);
  a.logMetrics({ loss: 2, 'val,acc': 0.5 }, 1);
  await a.finalize('success');
  const b = await createLogger('csv', { runDir, runId: 'c1' });
  b.logMetrics({ 'val,acc': 0.75 }, 2);
  const rows = readFileSync(join(runDir, 'metrics.csv'), 'utf8').trim().split('\n').map((r) => r.replace(/,\d+(\.\d+)?,/, ',T,'));
  assert.deepEqual(rows, ['step,time,loss,"val,acc"', '0,T,1,', '1,T,2,0.5', '2,T,,0.75']);
});

test('jsonl.logArtifact copies a file into RUN_DIR/artifacts and names a missing one', async () => {
  const runDir = join(root, 'art');
  const fan = await createLoggers([], { runDir, runId: 'a1' });
  const src = join(root, 'model.ckpt');
  (await import('node:fs')).writeFileSync(src, 'weights');
  await fan.logArtifact(src);
  assert.equal(readFileSync(join(runDir, 'artifacts', 'model.ckpt'), 'utf8'), 'weights');
  const jsonl = fan.loggers.find((l) => l.name === 'jsonl')!;
  await assert.rejects(jsonl.logArtifact!(join(root, 'missing.bin')), /cannot read .*missing\.bin/);
});
