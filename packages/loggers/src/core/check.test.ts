import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startWandbServer } from '../testing/wandb-server.js';
import { runLoggerCheck } from './check.js';
import { syncRunDir } from './sync.js';

const root = mkdtempSync(join(tmpdir(), 'wl-check-'));
after(() => rmSync(root, { recursive: true, force: true }));
const KEY = 'check-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, timeoutMs: 300 };

function allText(dir: string): string {
  return readdirSync(dir).map((f) => join(dir, f)).map((p) => (statSync(p).isDirectory() ? allText(p) : readFileSync(p, 'utf8'))).join('');
}

test('check reports per plugin whether the synthetic run arrived', async () => {
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const res = await runLoggerCheck({
      loggers: ['tensorboard', 'jsonl', 'csv', 'wandb'], outDir: join(root, 'ok'), steps: 7, retry: FAST,
      wandb: { mode: 'online', apiKey: KEY, baseUrl: srv.url, project: 'check' },
    });
    assert.deepEqual(res.map((r) => [r.plugin, r.ok]), [['tensorboard', true], ['jsonl', true], ['csv', true], ['wandb', true]], JSON.stringify(res));
    assert.match(res[3]!.detail, /7\/7 history lines acknowledged/);
    assert.equal([...srv.runs.values()][0]!.history.length, 7);
    assert.ok(!allText(join(root, 'ok')).includes(KEY));
  } finally { await srv.close(); }
});

test('check: bad key and unreachable server are reported as not arrived, without the key', async () => {
  const srv = await startWandbServer({ apiKey: 'other' });
  await srv.close(); // nothing listens there any more
  const res = await runLoggerCheck({
    loggers: ['wandb', 'neptune', 'nope'], outDir: join(root, 'bad'), steps: 3, retry: FAST,
    wandb: { mode: 'online', apiKey: KEY, baseUrl: srv.url, project: 'check' },
  });
  assert.deepEqual(res.map((r) => [r.plugin, r.ok]), [['wandb', false], ['neptune', false], ['nope', false]]);
  assert.match(res[0]!.warnings.join(''), /ECONNREFUSED|fetch failed|Connection refused/);
  assert.match(res[0]!.detail, /kept in/);
  assert.match(res[2]!.detail, /unknown logger/);
  assert.ok(!JSON.stringify(res).includes(KEY));
  await assert.rejects(runLoggerCheck({ loggers: ['jsonl'], outDir: root, steps: 0 }), /positive integer/);
});

test('syncRunDir: reports each service, needs credentials, refuses an empty folder', async () => {
  await assert.rejects(syncRunDir(join(root, 'empty')), /nothing to sync/);
  await runLoggerCheck({ loggers: ['wandb', 'neptune'], outDir: join(root, 'off'), steps: 2, wandb: { mode: 'offline' } });
  const none = await syncRunDir(join(root, 'off', 'wandb'));
  assert.deepEqual(none, [{ service: 'wandb', ok: false, detail: 'no API key (set WANDB_API_KEY)' }]);
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const done = await syncRunDir(join(root, 'off', 'wandb'), { wandb: { apiKey: KEY, baseUrl: srv.url }, retry: FAST });
    assert.equal(done[0]!.ok, true, done[0]!.detail);
    assert.match(done[0]!.detail, /2 history lines sent, finished/);
  } finally { await srv.close(); }
  const nep = await syncRunDir(join(root, 'off', 'neptune'), { neptune: { apiToken: 'bad', project: 'ws/p' } });
  assert.equal(nep[0]!.ok, false);
  assert.match(nep[0]!.detail, /api_address|JSON|base64/);
});
