import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { startWandbServer } from '../testing/wandb-server.js';
import { WandbLogger } from './plugin.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');
const recorded = join(repoRoot, '..', 'shared', 'reference', 'wandb', 'official-python-client-0.30.0.jsonl');

type Req = { method: string; url: string; auth?: string; body: any };
const shape = (v: unknown): unknown => Array.isArray(v) ? ['array', ...(v.length ? [shape(v[0])] : [])]
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as any)[k])])) : typeof v;

test('request shapes match the official client 0.30.0 recording', { skip: requirePart('shared', !existsSync(recorded) && 'needs ../shared/reference/wandb') }, async () => {
  const official = readFileSync(recorded, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Req);
  const offUpsert = official.find((r) => r.body?.operationName === 'UpsertBucket')!;
  const offStream = official.find((r) => r.url.endsWith('/file_stream'))!;
  const key = 'x'.repeat(40); // the recording's dummy key
  const srv = await startWandbServer({ apiKey: key });
  const dir = mkdtempSync(join(tmpdir(), 'wl-traffic-'));
  try {
    const logger = new WandbLogger({
      runDir: dir, runId: 'gxl9if46', name: 'fitacf-run', warn: (l) => assert.fail(l),
      wandb: { mode: 'online', baseUrl: srv.url, apiKey: key, project: 'superdarn-conv' },
    });
    logger.logHyperparams({ lr: 0.001, batch: 32 });
    logger.logMetrics({ loss: 0.5 }, 0);
    logger.logSummary({ loss: 0.5 });
    await logger.finalize('success');
    const ours = srv.requests as Req[];
    const upserts = ours.filter((r) => r.body?.operationName === 'UpsertBucket');
    assert.ok(upserts.length >= 1);
    // Same auth scheme and dummy key as the recording: Basic base64("api:" + key).
    assert.equal(upserts[0]!.auth, offUpsert.auth);
    for (const u of upserts) {
      assert.equal(u.method, offUpsert.method);
      assert.equal(u.url, offUpsert.url);
      assert.deepEqual(Object.keys(u.body).sort(), Object.keys(offUpsert.body).sort());
      assert.deepEqual(Object.keys(u.body.variables).sort(), Object.keys(offUpsert.body.variables).sort());
      assert.match(u.body.query, /^\s*mutation UpsertBucket\s*\(/);
    }
    // Config: a JSON string of {key: {value}}, exactly like the official client for lr/batch.
    const offConfig = JSON.parse(offUpsert.body.variables.config);
    const withConfig = upserts.find((u) => u.body.variables.config)!;
    const ourConfig = JSON.parse(withConfig.body.variables.config);
    assert.deepEqual(ourConfig.lr, offConfig.lr);
    assert.deepEqual(ourConfig.batch, offConfig.batch);
    assert.equal(upserts[0]!.body.variables.name, offUpsert.body.variables.name);
    assert.equal(upserts[0]!.body.variables.displayName, offUpsert.body.variables.displayName);
    // file_stream: same URL form (entity resolved by the server), same body shape.
    const streams = ours.filter((r) => r.url.endsWith('/file_stream'));
    const offShape = shape(Object.values(offStream.body.files)[0]);
    assert.deepEqual(streams.map((s) => s.url), Array(streams.length).fill(offStream.url));
    const files = streams.filter((s) => s.body.files);
    assert.deepEqual(files.map((s) => Object.keys(s.body.files)[0]), ['wandb-history.jsonl', 'wandb-summary.json']);
    for (const s of files) assert.deepEqual(shape(Object.values(s.body.files)[0]), offShape);
    assert.deepEqual(streams.at(-1)!.body, { complete: true, exitcode: 0 });
    assert.deepEqual(srv.shapeErrors, []);
  } finally { await srv.close(); rmSync(dir, { recursive: true, force: true }); }
});
