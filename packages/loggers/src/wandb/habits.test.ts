import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startWandbServer } from '../testing/wandb-server.js';
import { syncWandbRun } from './sync.js';
import { createWandbLogger, WandbLogger } from './plugin.js';

const KEY = 'wl-test-key-habits-0123456789abcdef0123456789abcdef';
const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4, timeoutMs: 2000, batchSize: 100, maxQueue: 1000 };
const root = mkdtempSync(join(tmpdir(), 'wl-wandb-habits-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('logArtifact uploads a run file (CreateRunFiles + PUT to the upload URL, no key sent there)', async () => {
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const art = join(root, 'final.pt');
    writeFileSync(art, 'weights-bytes');
    const logger = new WandbLogger({ runDir: join(root, 'a'), runId: 'art1', retry: FAST, wandb: { mode: 'online', baseUrl: srv.url, apiKey: KEY, project: 'p' } });
    logger.logMetrics({ loss: 1 }, 1);
    await logger.logArtifact(art);
    await assert.rejects(logger.logArtifact(join(root, 'nope.pt')), /wandb\.logArtifact: .*nope\.pt does not exist/);
    await logger.finalize('success');
    const run = srv.runs.get('test-entity/p/art1')!;
    assert.equal(run.files.get('artifacts/final.pt')?.toString(), 'weights-bytes');
    assert.deepEqual(srv.shapeErrors, []);
    assert.ok(srv.requests.some((r) => r.body?.operationName === 'CreateRunFiles'));
  } finally { await srv.close(); }
});

test('offline: the artifact waits in the store and sync uploads it; WANDB_DIR layout <dir>/wandb/run-<id>', async () => {
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const art = join(root, 'model.safetensors');
    writeFileSync(art, 'st');
    const wandbDir = join(root, 'wandb-dir');
    const logger = new WandbLogger({ runDir: join(root, 'b'), runId: 'off1', retry: FAST, tags: ['pangu'], notes: 'app notes',
      wandb: { mode: 'offline', baseUrl: srv.url, project: 'p', dir: wandbDir, tags: ['sweep-3', 'pangu'], notes: 'from WANDB_NOTES' } });
    logger.logHyperparams({ lr: 0.1 });
    await logger.logArtifact(art);
    await logger.finalize('success');
    const store = join(wandbDir, 'wandb', 'run-off1');
    assert.ok(existsSync(join(store, 'meta.json')) && existsSync(join(store, 'artifacts', 'model.safetensors')));
    assert.ok(!existsSync(join(root, 'b', 'wandb')), 'nothing under RUN_DIR/wandb');
    assert.equal(srv.requests.length, 0);
    const r = await syncWandbRun(store, { apiKey: KEY, retry: FAST });
    assert.equal(r.runId, 'off1');
    const run = srv.runs.get('test-entity/p/off1')!;
    assert.equal(run.files.get('artifacts/model.safetensors')?.toString(), 'st');
    assert.deepEqual(run.tags, ['pangu', 'sweep-3']);
    assert.equal(run.notes, 'from WANDB_NOTES');
    srv.requests.length = 0;
    await syncWandbRun(store, { apiKey: KEY, retry: FAST });
    assert.ok(!srv.requests.some((q) => q.method === 'PUT'), 'a second sync uploads nothing again');
  } finally { await srv.close(); }
});

test('resume "never" / "must" (WANDB_RESUME) check the server first; disabled writes nothing', async () => {
  const srv = await startWandbServer({ apiKey: KEY });
  try {
    const mk = (runDir: string, resume: 'must' | 'never' | 'allow', warnings: string[]) => new WandbLogger({
      runDir: join(root, runDir), runId: 'res1', retry: FAST, warn: (l) => warnings.push(l),
      wandb: { mode: 'online', baseUrl: srv.url, apiKey: KEY, project: 'p', resume },
    });
    const w1: string[] = [];
    const must = mk('c1', 'must', w1);
    must.logMetrics({ loss: 1 }, 1);
    await must.finalize('success');
    assert.match(w1.join('\n'), /does not exist on the server and resume is "must"/);
    assert.equal(srv.runs.has('test-entity/p/res1'), false, 'nothing created');
    const first = mk('c2', 'allow', []);
    first.logMetrics({ loss: 1 }, 1);
    await first.finalize('success');
    const w2: string[] = [];
    const never = mk('c3', 'never', w2);
    never.logMetrics({ loss: 2 }, 2);
    await never.finalize('success');
    assert.match(w2.join('\n'), /already exists on the server and resume is "never"/);
    assert.equal(srv.runs.get('test-entity/p/res1')!.history.length, 1, 'the existing run was not touched');
    const off = createWandbLogger({ runDir: join(root, 'd'), runId: 'dis', wandb: { mode: 'disabled' } });
    off.logHyperparams({ a: 1 });
    off.logMetrics({ loss: 1 }, 1);
    await off.finalize('success');
    assert.equal(existsSync(join(root, 'd')), false);
    assert.deepEqual(readdirSync(root).filter((f) => f === 'd'), []);
  } finally { await srv.close(); }
});
