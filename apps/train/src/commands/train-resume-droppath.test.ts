import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStateDict, toBytes } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { runCli } from '../program.js';

/** Pangu with DropPath and latent noise on: the stochastic parts draw from the trainer's `ctx.rng`. */
const CFG = {
  seed: 11, engine: { backend: 'cpu' },
  data: { samples: 8, valSamples: 0, batchSize: 2 },
  pangu: { dropPathRate: 0.5, noiseFactor: 0.1 },
  optim: { schedule: 'constant' }, // the lr schedule depends on maxSteps, which the stopped run changes
  trainer: { maxEpochs: 2, checkpoint: { everyNSteps: 1, keepLastK: 2 } },
  loggers: { names: ['jsonl'] },
};

async function train(args: string[]): Promise<string> {
  const err: string[] = [];
  const code = await runCli(['train', 'pangu', ...args], { out: () => {}, err: (l) => err.push(l), env: {}, isTTY: false });
  assert.equal(code, 0, err.join('\n'));
  return err.join('\n');
}

const weights = (dir: string) => readStateDict(readFileSync(join(dir, 'final.pt')));
const same = (a: ReturnType<typeof weights>, b: ReturnType<typeof weights>) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => b[k] && Buffer.from(toBytes(a[k]!)).equals(Buffer.from(toBytes(b[k]!))));

test('train pangu with DropPath on: stop at step 3, resume to 8 equals a straight run bit for bit; Math.random is never patched', { timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    const cfg = join(tmp, 'cfg.json');
    writeFileSync(cfg, JSON.stringify(CFG));
    const a = join(tmp, 'a'), b = join(tmp, 'b'), c = join(tmp, 'c');
    await train(['--config', cfg, '--out', b, '--set', 'trainer.maxSteps=3']);
    // Modules are loaded now (seedrandom draws once at load): count Math.random calls of a whole run.
    const original = Math.random;
    let calls = 0;
    Math.random = () => { calls++; return original(); };
    try { await train(['--config', cfg, '--out', a]); } finally { Math.random = original; }
    assert.equal(calls, 0, `training drew ${calls} numbers from the global Math.random: stochastic ops must use ctx.rng`);
    const log = await train(['--config', cfg, '--out', b, '--resume']);
    assert.match(log, /resuming from .*step-3/);
    assert.ok(same(weights(a), weights(b)), 'the resumed run must reach the uninterrupted weights bit for bit');
    // DropPath really acts: the same run without it ends elsewhere (so the comparison above can fail).
    await train(['--config', cfg, '--out', c, '--set', 'pangu.dropPathRate=0', '--set', 'pangu.noiseFactor=0']);
    assert.ok(!same(weights(a), weights(c)), 'DropPath/noise had no effect on the weights');
  });
});
