import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readStateDict, toBytes } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCli } from '../program.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..', '..');
const cli = join(here, '..', 'cli.ts');

/** A config small enough for tests: 4 batches per epoch, 3 epochs, checkpoints every 2 steps. */
const SMALL = {
  seed: 7, engine: { backend: 'cpu' },
  data: { samples: 16, valSamples: 4, batchSize: 4 },
  trainer: { maxEpochs: 3, valCheckInterval: 4, checkpoint: { everyNSteps: 2, keepLastK: 2 } },
  loggers: { names: ['jsonl'] },
};

async function cliInProcess(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('train --help documents the models, flags and resume behaviour', async () => {
  const r = await cliInProcess(['train', '--help']);
  assert.equal(r.code, 0);
  for (const s of ['pangu, dino, dino2k', '--config <file>', '--out <dir>', '--resume', '--fast-dev-run', 'SIGTERM', 'kill -9', 'superdarn grid', 'gridrad split', 'embed vit256', 'vit2k_xs']) assert.ok(r.out.includes(s), `help lacks ${s}`);
});

test('bad model, missing --out, unknown config key and bad values fail with clear messages', async () => {
  await withTempDir(async (tmp) => {
    let r = await cliInProcess(['train', 'gpt', '--out', tmp]);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /unknown model "gpt"; choose one of: pangu, dino, dino2k/);
    r = await cliInProcess(['train', 'pangu']);
    assert.match(r.err, /required option '--out <dir>'/);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ trainer: { maxEpoch: 3 } }));
    r = await cliInProcess(['train', 'pangu', '--config', bad, '--out', tmp]);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown config key "trainer.maxEpoch".*Valid keys:[\s\S]*trainer\.maxEpochs/);
    r = await cliInProcess(['train', 'pangu', '--out', join(tmp, 'x'), '--set', 'optim.schedule=linear']);
    assert.match(r.err, /optim\.schedule" must be one of constant, cosine, step; got "linear"/);
    r = await cliInProcess(['train', 'pangu', '--out', join(tmp, 'y'), '--resume']);
    assert.match(r.err, /--resume: .*holds no checkpoint/);
    r = await cliInProcess(['train', 'pangu', '--out', tmp, '--fast-dev-run', '0']);
    assert.match(r.err, /--fast-dev-run must be an integer >= 1, got/);
  });
});

test('fast dev run end to end in-process: resolved config with secrets redacted, final.pt, metrics, no checkpoints', { timeout: 120_000 }, async () => {
  await withTempDir(async (tmp) => {
    const cfgFile = join(tmp, 'small.json');
    writeFileSync(cfgFile, JSON.stringify(SMALL));
    const out = join(tmp, 'run');
    const secret = 'wandb-secret-key-1234567890';
    const r = await cliInProcess(['train', 'pangu', '--config', cfgFile, '--out', out, '--fast-dev-run', '2'], { WANDB_API_KEY: secret });
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /status\s+\|\s+fast-dev-run/);
    const resolved = readFileSync(join(out, 'resolved-config.json'), 'utf8');
    assert.ok(!resolved.includes(secret), 'the W&B key must be redacted');
    assert.equal(JSON.parse(resolved).config.seed, 7);
    assert.equal(JSON.parse(resolved).loggers.wandb.apiKey, '***');
    assert.ok(!existsSync(join(out, 'checkpoints')), 'fast dev run writes no checkpoint');
    const sd = readStateDict(readFileSync(join(out, 'final.pt')));
    assert.ok('patchembed2d.proj.weight' in sd, `PyTorch keys expected, got ${Object.keys(sd).slice(0, 3)}`);
  });
});

function runChild(args: string[], until?: { signal: NodeJS.Signals; when: () => boolean }) {
  return new Promise<{ code: number | null; signal: string | null; out: string }>((res, rej) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', sent = false;
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = until && setInterval(() => { if (!sent && until.when()) { sent = true; child.kill(until.signal); } }, 25);
    child.on('error', rej);
    child.on('exit', (code, signal) => { if (timer) clearInterval(timer); res({ code, signal, out }); });
  });
}

const lastStep = (dir: string) => {
  const p = join(dir, 'checkpoints', 'last');
  return existsSync(p) ? Number(readFileSync(p, 'utf8').trim().slice(5)) : -1;
};

test('SIGTERM then kill -9 during `weatherlearn train pangu`; restarts continue and reach the uninterrupted weights bit for bit', { timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    const cfgFile = join(tmp, 'small.json');
    writeFileSync(cfgFile, JSON.stringify(SMALL));
    const a = join(tmp, 'a'), b = join(tmp, 'b');
    const full = await runChild(['train', 'pangu', '--config', cfgFile, '--out', a]);
    assert.equal(full.code, 0, full.out);

    const term = await runChild(['train', 'pangu', '--config', cfgFile, '--out', b], { signal: 'SIGTERM', when: () => lastStep(b) >= 2 });
    assert.equal(term.code, 0, term.out);
    assert.match(term.out, /interrupted at step \d+; run the same command again/);
    assert.ok(!existsSync(join(b, 'final.pt')));

    const killed = await runChild(['train', 'pangu', '--config', cfgFile, '--out', b], { signal: 'SIGKILL', when: () => lastStep(b) >= 6 });
    assert.equal(killed.signal, 'SIGKILL', `expected a kill mid-run:\n${killed.out}`);
    assert.match(killed.out, /resuming from .*step-\d+/);
    assert.ok(!existsSync(join(b, 'final.pt')), 'killed before the end');

    const resumed = await runChild(['train', 'pangu', '--config', cfgFile, '--out', b, '--resume']);
    assert.equal(resumed.code, 0, resumed.out);
    assert.match(resumed.out, /resuming from .*step-(6|7|8|9|10|11)/);
    assert.match(resumed.out, /steps\s+\|\s+12\/12/);
    const sa = readStateDict(readFileSync(join(a, 'final.pt'))), sb = readStateDict(readFileSync(join(b, 'final.pt')));
    assert.deepEqual(Object.keys(sb), Object.keys(sa));
    for (const k of Object.keys(sa)) assert.ok(Buffer.from(toBytes(sa[k]!)).equals(Buffer.from(toBytes(sb[k]!))), `${k} differs`);
    // one logger run continued across the restarts: the run id printed when interrupted is the one
    // the resumed run prints and run.json keeps, and metrics.jsonl reaches the last step
    const runIdOf = (out: string) => /^\| run id\s+\|\s+([A-Za-z0-9_-]+) \|$/m.exec(out)?.[1];
    const firstId = runIdOf(term.out);
    assert.ok(firstId, `the interrupted run prints its run id:\n${term.out}`);
    assert.equal(runIdOf(resumed.out), firstId, 'the resumed run continues the same logger run');
    assert.equal(JSON.parse(readFileSync(join(b, 'run.json'), 'utf8')).runId, firstId);
    const steps = readFileSync(join(b, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).step as number);
    assert.equal(Math.max(...steps), 12, 'metrics.jsonl continued to the last step');
  });
});

test('SIGUSR1 to a running `weatherlearn train pangu` checkpoints at once and goes on to the same final weights', { timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    // No interval checkpoints: the only checkpoint before the end is the one the signal asked for.
    const cfgFile = join(tmp, 'usr1.json');
    writeFileSync(cfgFile, JSON.stringify({ ...SMALL, trainer: { ...SMALL.trainer, checkpoint: { everyNSteps: 0, keepLastK: 10 } } }));
    const a = join(tmp, 'a'), c = join(tmp, 'c');
    const metricLines = (dir: string) => { try { return readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').length; } catch { return 0; } };
    const [full, usr1] = await Promise.all([
      runChild(['train', 'pangu', '--config', cfgFile, '--out', a]),
      runChild(['train', 'pangu', '--config', cfgFile, '--out', c], { signal: 'SIGUSR1', when: () => metricLines(c) >= 2 }),
    ]);
    assert.equal(full.code, 0, full.out);
    assert.equal(usr1.code, 0, `the signalled run must go on and finish:\n${usr1.out}`);
    assert.match(usr1.out, /SIGUSR1: saving a checkpoint after this step/);
    assert.doesNotMatch(usr1.out, /Debugger listening/, 'SIGUSR1 must not open the inspector');
    assert.match(usr1.out, /steps\s+\|\s+12\/12/);
    const reasons = readdirSync(join(c, 'checkpoints')).filter((d) => d.startsWith('step-'))
      .map((d) => [Number(d.slice(5)), JSON.parse(readFileSync(join(c, 'checkpoints', d, 'trainer.json'), 'utf8')).reason] as const);
    const asked = reasons.filter(([, r]) => r === 'requested');
    assert.equal(asked.length, 1, `one requested checkpoint: ${JSON.stringify(reasons)}`);
    assert.ok(asked[0]![0] >= 1 && asked[0]![0] < 12, `taken mid-run, at step ${asked[0]![0]}`);
    const sa = readStateDict(readFileSync(join(a, 'final.pt'))), sc = readStateDict(readFileSync(join(c, 'final.pt')));
    assert.deepEqual(Object.keys(sc), Object.keys(sa));
    for (const k of Object.keys(sa)) assert.ok(Buffer.from(toBytes(sa[k]!)).equals(Buffer.from(toBytes(sc[k]!))), `${k} differs`);
  });
});

test('train dino: stopping at maxSteps 2 and continuing to 4 equals a straight run to 4 (teacher, centre, iteration resumed)', { timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    const cfg = join(repo, 'examples', 'dino-tiny.json');
    const small = ['--set', 'data.samples=16', '--set', 'trainer.checkpoint.everyNSteps=1'];
    const a = join(tmp, 'a'), b = join(tmp, 'b');
    let r = await cliInProcess(['train', 'dino', '--config', cfg, '--out', a, ...small, '--set', 'trainer.maxSteps=4']);
    assert.equal(r.code, 0, r.err);
    r = await cliInProcess(['train', 'dino', '--config', cfg, '--out', b, ...small, '--set', 'trainer.maxSteps=2']);
    assert.equal(r.code, 0, r.err);
    r = await cliInProcess(['train', 'dino', '--config', cfg, '--out', b, ...small, '--set', 'trainer.maxSteps=4', '--resume']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /resuming from .*step-2/);
    const sa = readStateDict(readFileSync(join(a, 'final.pt'))), sb = readStateDict(readFileSync(join(b, 'final.pt')));
    assert.ok(Object.keys(sa).some((k) => k.startsWith('backbone.blocks.0.')), 'teacher state dict keys');
    for (const k of Object.keys(sa)) assert.ok(Buffer.from(toBytes(sa[k]!)).equals(Buffer.from(toBytes(sb[k]!))), `${k} differs`);
  });
});
