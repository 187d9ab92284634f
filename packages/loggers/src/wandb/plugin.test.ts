import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { LoggerOptions } from '../core/types.js';
import { startWandbServer } from '../testing/wandb-server.js';
import { syncWandbRun } from './sync.js';
import { WandbLogger } from './plugin.js';

const KEY = 'wl-test-key-9f8e7d6c5b4a39281706f5e4d3c2b1a0fedcba98';
const root = mkdtempSync(join(tmpdir(), 'wl-wandb-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const FAST = { maxAttempts: 40, baseDelayMs: 1, maxDelayMs: 8, timeoutMs: 250, batchSize: 250, maxQueue: 100_000 };

function allText(dir: string): string {
  let s = '';
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    s += statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8');
  }
  return s;
}

function opts(url: string, extra: Partial<LoggerOptions> = {}) {
  const warnings: string[] = [];
  const o: LoggerOptions & { runId: string } = {
    runDir: join(root, `run${n++}`), runId: `r${n}abc`, warn: (l) => warnings.push(l), retry: FAST,
    name: 'fitacf-run', tags: ['superdarn'], group: 'g1',
    wandb: { mode: 'online', baseUrl: url, apiKey: KEY, project: 'superdarn-conv' }, ...extra,
  };
  return { o, warnings };
}

test('10k steps with the server failing half the time: every step delivered exactly once', async () => {
  const srv = await startWandbServer({ apiKey: KEY, failRate: 0.5, hangMs: 400, seed: 7 });
  try {
    const { o, warnings } = opts(srv.url);
    const logger = new WandbLogger(o);
    logger.logHyperparams({ lr: 0.001, batch: 32 });
    const t0 = Date.now();
    for (let s = 0; s < 10_000; s++) logger.logMetrics({ loss: 1 / (s + 1), s }, s);
    assert.ok(Date.now() - t0 < 8000, 'logging never waits for the network');
    logger.logSummary({ best: 1e-4 });
    await logger.finalize('success');
    assert.deepEqual(srv.shapeErrors, []);
    assert.deepEqual(warnings, []);
    const run = srv.runs.get(`test-entity/superdarn-conv/${o.runId}`)!;
    assert.equal(run.history.length, 10_000);
    run.history.forEach((line, i) => {
      const h = JSON.parse(line) as Record<string, number>;
      assert.equal(h._step, i); assert.equal(h.s, i);
    });
    assert.ok(srv.stats.failuresInjected > 20, `failures injected: ${srv.stats.failuresInjected}`);
    assert.ok(srv.stats.duplicateLines > 0, 'some batches were resent after a lost response (dedupe by offset exercised)');
    assert.equal(run.complete, true);
    assert.equal(run.exitcode, 0);
    assert.deepEqual(run.summary, { best: 1e-4 });
    assert.deepEqual(JSON.parse(run.config!), { lr: { value: 0.001 }, batch: { value: 32 } });
    assert.deepEqual(run.tags, ['superdarn']);
    assert.equal(run.groupName, 'g1');
    assert.equal(run.displayName, 'fitacf-run');
    assert.ok(!allText(o.runDir).includes(KEY), 'the key is never written to disk');
  } finally { await srv.close(); }
});

test('a service down for good: one warning, training continues, sync later delivers exactly once', async () => {
  const down = await startWandbServer({ apiKey: KEY, failRate: 1, failures: ['500', 'drop-after'] });
  const { o, warnings } = opts(down.url, { retry: { ...FAST, maxAttempts: 3 } });
  const logger = new WandbLogger(o);
  logger.logHyperparams({ lr: 0.01 });
  for (let s = 0; s < 1200; s++) logger.logMetrics({ loss: s }, s);
  logger.logSummary({ best: 3 });
  await logger.finalize('failed');
  await down.close();
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /weatherlearn loggers sync/);
  assert.ok(!warnings[0]!.includes(KEY));

  const up = await startWandbServer({ apiKey: KEY });
  try {
    const res = await syncWandbRun(o.runDir, { apiKey: KEY, baseUrl: up.url, retry: FAST });
    assert.equal(res.completed, true);
    const run = up.runs.get(`test-entity/superdarn-conv/${o.runId}`)!;
    assert.equal(run.history.length, 1200);
    run.history.forEach((l, i) => assert.equal((JSON.parse(l) as { loss: number }).loss, i));
    assert.equal(run.exitcode, 1);
    assert.deepEqual(run.summary, { best: 3 });
    const again = await syncWandbRun(o.runDir, { apiKey: KEY, baseUrl: up.url, retry: FAST });
    assert.equal(again.historySent, 0, 'a second sync sends nothing twice');
    assert.equal(run.history.length, 1200);
    assert.deepEqual(up.shapeErrors, []);
  } finally { await up.close(); }
});

test('offline mode keeps everything local; sync uploads it; resume by run id continues the run', async () => {
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const { o } = opts(srv.url);
    const off = new WandbLogger({ ...o, wandb: { ...o.wandb, mode: 'offline' } });
    off.logHyperparams({ lr: 0.5 });
    for (let s = 0; s < 10; s++) off.logMetrics({ loss: s }, s);
    await off.finalize('success');
    assert.equal(srv.requests.length, 0, 'offline sends nothing');
    await syncWandbRun(o.runDir, { apiKey: KEY, baseUrl: srv.url, retry: FAST });
    // Resume the same run id from a fresh folder (a restarted job): steps continue after line 10.
    const resumed = new WandbLogger({ ...o, runDir: `${o.runDir}-resumed` });
    for (let s = 10; s < 15; s++) resumed.logMetrics({ loss: s }, s);
    await resumed.finalize('success');
    const run = srv.runs.get(`test-entity/superdarn-conv/${o.runId}`)!;
    assert.deepEqual(run.history.map((l) => (JSON.parse(l) as { _step: number })._step), [...Array(15).keys()]);
    assert.deepEqual(srv.shapeErrors, []);
  } finally { await srv.close(); }
});

test('a wrong key is not retried: one warning without the key', async () => {
  const srv = await startWandbServer({ apiKey: 'another-key' });
  try {
    const { o, warnings } = opts(srv.url);
    const logger = new WandbLogger(o);
    for (let s = 0; s < 5; s++) logger.logMetrics({ loss: s }, s);
    await logger.finalize('success');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /401/);
    assert.ok(!warnings.join('').includes(KEY));
    assert.ok(srv.requests.length <= 3, `no retry storm: ${srv.requests.length} requests`);
  } finally { await srv.close(); }
});

test('online without a key falls back to offline with one warning', async () => {
  const { o, warnings } = opts('http://127.0.0.1:9', {});
  const logger = new WandbLogger({ ...o, wandb: { mode: 'online', baseUrl: 'http://127.0.0.1:9', project: 'p' } });
  logger.logMetrics({ loss: 1 }, 0);
  await logger.finalize('success');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /WANDB_API_KEY/);
  assert.match(readFileSync(join(o.runDir, 'wandb', 'history.jsonl'), 'utf8'), /"loss":1/);
});
