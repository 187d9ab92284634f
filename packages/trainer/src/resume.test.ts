import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initEngine } from '@weatherlearn/engine';
import { readStateDict, toBytes } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { Trainer } from './trainer.js';
import { readCheckpointMeta, findLastCheckpoint } from './checkpoint.js';
import type { TrainerConfig } from './config.js';
import { ToyModule, toyLoader } from './testing/toy.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

const cfg = (dir: string): Partial<Omit<TrainerConfig, 'checkpoint'>> & { checkpoint: Partial<TrainerConfig['checkpoint']> } => ({
  maxEpochs: 3, seed: 5, valCheckInterval: 5, accumulateGradBatches: 2, gradientClipVal: 0.5,
  earlyStopping: { monitor: 'val_loss', mode: 'min', patience: 50, minDelta: 0 },
  checkpoint: { dir, everyNSteps: 4, keepLastK: 2, monitor: 'val_loss', mode: 'min' },
});
const train = () => toyLoader(48, 4);
const val = () => toyLoader(8, 4, 2, false);
const logger = { runId: 'run-abc', logMetrics() {} };

function assertBitEqual(a: Record<string, Float32Array>, b: Record<string, Float32Array>) {
  assert.deepEqual(Object.keys(a), Object.keys(b));
  for (const k of Object.keys(a)) {
    assert.deepEqual(new Uint32Array(a[k]!.buffer), new Uint32Array(b[k]!.buffer), `${k} differs bitwise`);
  }
}

test('stop at step k (last layer still frozen), resume in a new Trainer: weights equal the uninterrupted run bit for bit', async () => {
  await withTempDir(async (tmp) => {
    const full = new ToyModule({ freezeSteps: 10 });
    const r0 = await new Trainer(cfg(join(tmp, 'a'))).fit(full, train(), val());
    assert.equal(r0.step, 18);
    const want = full.snapshot();
    full.dispose();

    const first = new ToyModule({ freezeSteps: 10 });
    const t1: Trainer = new Trainer(cfg(join(tmp, 'b')), { logger, listener: (e) => { if (e.type === 'step' && e.step === 7) t1.requestStop(); } });
    const r1 = await t1.fit(first, train(), val(), { resume: true });
    assert.equal(r1.status, 'interrupted');
    assert.equal(r1.step, 7);
    const meta = readCheckpointMeta(findLastCheckpoint(join(tmp, 'b'))!);
    assert.equal(meta.step, 7);
    assert.equal(meta.reason, 'requested');
    assert.equal(meta.loggerRunId, 'run-abc');
    assert.deepEqual(meta.optimizer.steps, { 'fc1.weight': 7, 'fc1.bias': 7 }, 'the frozen last layer has no optimizer state yet');
    assert.deepEqual([meta.epoch, meta.batchIndex], [1, 2], '6 steps per epoch (12 batches / 2) → next batch is epoch 1 batch 2');
    first.dispose();

    const second = new ToyModule({ freezeSteps: 10 });
    const r2 = await new Trainer(cfg(join(tmp, 'b'))).fit(second, train(), val(), { resume: true });
    assert.equal(r2.resumedFrom, join(tmp, 'b', 'step-7'));
    assert.equal(r2.step, 18);
    assert.deepEqual(second.epochsStarted, [1, 2]);
    assertBitEqual(second.snapshot(), want);
    assert.equal(second.steps, 18, 'extraState restored and continued');
    second.dispose();
  });
});

test('keep-last-K keeps the newest K plus the best; last/best pointers; stale temp folders removed', async () => {
  await withTempDir(async (tmp) => {
    const dir = join(tmp, 'c');
    mkdirSync(join(dir, '.tmp-step-99-1-dead'), { recursive: true });
    const m = new ToyModule();
    const r = await new Trainer(cfg(dir)).fit(m, train(), val());
    const steps = readdirSync(dir).filter((n) => n.startsWith('step-')).map((n) => Number(n.slice(5))).sort((a, b) => a - b);
    const best = readFileSync(join(dir, 'best'), 'utf8').trim();
    assert.equal(readFileSync(join(dir, 'last'), 'utf8').trim(), 'step-18');
    assert.ok(steps.includes(18) && steps.includes(Number(best.slice(5))));
    assert.ok(steps.length <= 3, `at most K=2 newest + best: ${steps}`);
    assert.ok(!readdirSync(dir).some((n) => n.startsWith('.tmp-')), 'stale temp folder cleaned');
    const bm = readCheckpointMeta(join(dir, best));
    assert.equal(bm.best!.value, r.best!.value);
    assert.ok(['model', 'optimizer', 'module'].every((f) => existsSync(join(dir, best, `${f}.safetensors`))));
    m.dispose();
  });
});

test('a checkpoint that does not match the model fails naming the folder and parameter', async () => {
  await withTempDir(async (tmp) => {
    const m = new ToyModule();
    await new Trainer({ maxEpochs: 1, maxSteps: 1, checkpoint: { dir: tmp } }).fit(m, train());
    m.dispose();
    const other = new ToyModule({ hidden: 6 });
    await assert.rejects(new Trainer({ maxEpochs: 1, checkpoint: { dir: tmp } }).fit(other, train(), undefined, { resume: true }),
      /checkpoint .*step-1: parameter fc1\.weight has shape \[4,8\] but the model expects \[4,6\]/);
    other.dispose();
  });
});

const script = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'toy-train-script.ts');
function runChild(dir: string, delayMs: number, killWhen?: () => boolean): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, dir, String(delayMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = killWhen && setInterval(() => { if (killWhen()) { clearInterval(timer); child.kill('SIGKILL'); } }, 20);
    child.on('error', reject);
    child.on('exit', (code, signal) => { if (timer) clearInterval(timer); resolve({ code, signal, out }); });
  });
}

test('kill -9 mid-run, restart: continues from the last checkpoint to the same final.pt as an uninterrupted run', { timeout: 120_000 }, async () => {
  await withTempDir(async (tmp) => {
    const a = join(tmp, 'a'), b = join(tmp, 'b');
    const full = await runChild(a, 0);
    assert.equal(full.code, 0, full.out);
    const killed = await runChild(b, 100, () => {
      const last = join(b, 'ckpt', 'last');
      return existsSync(last) && Number(readFileSync(last, 'utf8').trim().slice(5)) >= 9;
    });
    assert.equal(killed.signal, 'SIGKILL', `the child should have been killed mid-run: ${killed.out}`);
    assert.ok(!existsSync(join(b, 'final.pt')));
    const resumed = await runChild(b, 0);
    assert.equal(resumed.code, 0, resumed.out);
    const info = JSON.parse(resumed.out.split('\n').filter((l) => l.startsWith('{')).pop() ?? 'null') as { step: number; resumedFrom: string };
    const from = Number(/step-(\d+)$/.exec(info.resumedFrom)?.[1]);
    assert.ok(from >= 9 && from < 60, `resumed from ${info.resumedFrom}`);
    assert.equal(info.step, 60);
    const sa = readStateDict(readFileSync(join(a, 'final.pt'))), sb = readStateDict(readFileSync(join(b, 'final.pt')));
    assert.deepEqual(Object.keys(sa).sort(), ['fc1.bias', 'fc1.weight', 'fc2.weight']);
    for (const k of Object.keys(sa)) assert.ok(Buffer.from(toBytes(sa[k]!)).equals(Buffer.from(toBytes(sb[k]!))), `${k} differs`);
  });
});
