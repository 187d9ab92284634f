import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeNeptuneToken, startNeptuneServer } from '../testing/neptune-server.js';
import { NeptuneLogger } from './plugin.js';
import { syncNeptuneRun } from './sync.js';
import { parseNeptuneToken } from './token.js';

const root = mkdtempSync(join(tmpdir(), 'wl-neptune-'));
after(() => rmSync(root, { recursive: true, force: true }));
const FAST = { maxAttempts: 40, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 500, batchSize: 100 };
const SECRET = 'neptune-secret-key-7a6b5c4d3e2f1a0b';

function allText(dir: string): string {
  return readdirSync(dir).map((f) => join(dir, f)).map((p) => (statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8'))).join('');
}

test('token parsing: base64 JSON with api_address; errors never echo the token', () => {
  assert.deepEqual(parseNeptuneToken(makeNeptuneToken('https://neptune.example.org/', SECRET)), { apiAddress: 'https://neptune.example.org' });
  const urlSafe = makeNeptuneToken('http://h:1', SECRET).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  assert.equal(parseNeptuneToken(urlSafe).apiAddress, 'http://h:1');
  const cases: [string, RegExp][] = [
    ['', /empty/], ['not base64 !!', /not base64/], [Buffer.from('nope').toString('base64'), /JSON/],
    [Buffer.from(JSON.stringify({ api_key: SECRET })).toString('base64'), /api_address/],
    [Buffer.from(JSON.stringify({ api_address: 'ftp://x', api_key: SECRET })).toString('base64'), /http/],
  ];
  for (const [tok, re] of cases) {
    assert.throws(() => parseNeptuneToken(tok), (e: Error) => re.test(e.message) && (!tok || !e.message.includes(tok)) && !e.message.includes(SECRET));
  }
});

test('online against a failing server: request shapes, every step exactly once, no secret on disk', async () => {
  const srv = await startNeptuneServer({ apiKey: SECRET, project: 'ws/proj', failRate: 0.4 });
  try {
    const warnings: string[] = [];
    const runDir = join(root, 'online');
    const logger = new NeptuneLogger({
      runDir, runId: 'nep1', name: 'run-a', tags: ['t1'], warn: (l) => warnings.push(l), retry: FAST,
      neptune: { mode: 'online', apiToken: srv.token, project: 'ws/proj' },
    });
    logger.logHyperparams({ lr: 0.001, batch: 32, model: { depth: 4 } });
    for (let s = 0; s < 1000; s++) logger.logMetrics({ loss: 1 / (s + 1) }, s);
    logger.logSummary({ best: 0.5 });
    await logger.finalize('success');
    assert.deepEqual(warnings, []);
    assert.deepEqual(srv.shapeErrors, []);
    const run = srv.runs.get('uuid-nep1')!;
    assert.deepEqual(run.series.get('metrics/loss')!.map((e) => e.step), [...Array(1000).keys()]);
    assert.equal(run.attrs.get('parameters/lr'), 0.001);
    assert.equal(run.attrs.get('parameters/model/depth'), 4);
    assert.equal(run.attrs.get('summary/best'), 0.5);
    assert.equal(run.attrs.get('sys/name'), 'run-a');
    assert.equal(run.attrs.get('sys/failed'), false);
    assert.deepEqual(run.tags, ['t1']);
    assert.ok(srv.stats.failuresInjected > 5);
    const exchange = srv.requests.find((r) => r.url === '/api/backend/v1/authorization/oauth-token')!;
    assert.equal(exchange.method, 'GET');
    assert.ok(srv.requests.filter((r) => r.url.startsWith('/api/leaderboard/')).every((r) => r.headers.authorization === 'Bearer access-token-1'));
    const text = allText(runDir);
    assert.ok(!text.includes(SECRET) && !text.includes(srv.token), 'no secret on disk');
  } finally { await srv.close(); }
});

test('offline (the default) writes operations; sync uploads them once; a resume reaches the same run', async () => {
  const runDir = join(root, 'offline');
  const logger = new NeptuneLogger({ runDir, runId: 'nep2', neptune: { project: 'ws/proj' } });
  logger.logHyperparams({ lr: 0.1 });
  for (let s = 0; s < 50; s++) logger.logMetrics({ loss: s, bad: Number.NaN }, s);
  await logger.finalize('failed');
  const srv = await startNeptuneServer({ apiKey: SECRET, project: 'ws/proj' });
  try {
    assert.equal((await syncNeptuneRun(runDir, { apiToken: srv.token, retry: FAST })).sent, 52);
    assert.equal((await syncNeptuneRun(runDir, { apiToken: srv.token, retry: FAST })).sent, 0);
    const resumed = new NeptuneLogger({ runDir: join(root, 'resumed'), runId: 'nep2', retry: FAST, neptune: { mode: 'online', apiToken: srv.token, project: 'ws/proj' } });
    resumed.logMetrics({ loss: 50 }, 50);
    await resumed.finalize('success');
    const run = srv.runs.get('uuid-nep2')!;
    assert.equal(srv.runs.size, 1);
    assert.deepEqual(run.series.get('metrics/loss')!.map((e) => e.step), [...Array(51).keys()]);
    assert.equal(run.series.has('metrics/bad'), false, 'NaN is not sent (Neptune rejects it)');
    assert.equal(run.attrs.get('sys/failed'), false);
    assert.equal(srv.stats.duplicates, 0);
  } finally { await srv.close(); }
});

test('a bad token online: one warning without the token, logging continues offline', async () => {
  const warnings: string[] = [];
  const bad = Buffer.from(JSON.stringify({ api_key: SECRET })).toString('base64');
  const logger = new NeptuneLogger({ runDir: join(root, 'bad'), runId: 'nep3', warn: (l) => warnings.push(l), neptune: { mode: 'online', apiToken: bad, project: 'ws/p' } });
  logger.logMetrics({ loss: 1 }, 0);
  await logger.finalize('success');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /api_address/);
  assert.ok(!warnings[0]!.includes(SECRET) && !warnings[0]!.includes(bad));
});
