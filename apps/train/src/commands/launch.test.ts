import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readStateDict, toFloat32 } from '@weatherlearn/tensor-io';
import { withTempDir } from '@weatherlearn/test-parts';
import { c10dUnavailableReason } from '@weatherlearn/distributed';
import { runCommand } from '../testing/run-command.js';
import { registerLaunch } from './launch.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..', '..');
const cli = join(here, '..', 'cli.ts');
const notBuilt = c10dUnavailableReason();
const skip = requirePart('c10d', notBuilt);

/** Deterministic Pangu tiny (no latent noise, no drop path, constant lr) so runs can be compared. */
const SETS = ['--set', 'pangu.noiseFactor=0', '--set', 'pangu.dropPathRate=0', '--set', 'optim.schedule=constant', '--set', 'samples=0',
  '--set', 'trainer.valCheckInterval=0', '--set', 'loggers.names=jsonl'];
const train = (out: string, ...extra: string[]) => ['train', 'pangu', '--config', 'examples/pangu-tiny.json', '--out', out, ...SETS, ...extra];

function runCli(args: string[], kill?: { when: (out: string) => number | undefined }) {
  return new Promise<{ code: number | null; out: string; killedAt: number; closedAt: number }>((res, rej) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', killedAt = 0;
    const on = (d: Buffer) => {
      out += d;
      const pid = kill && !killedAt ? kill.when(out) : undefined;
      if (pid) { killedAt = Date.now(); process.kill(pid, 'SIGKILL'); }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('error', rej);
    child.on('close', (code) => res({ code, out, killedAt, closedAt: Date.now() }));
  });
}

function weights(file: string): Map<string, Float32Array> {
  return new Map(Object.entries(readStateDict(readFileSync(file))).map(([k, t]) => [k, toFloat32(t)]));
}

function assertSameWeights(a: string, b: string, tol: number) {
  const wa = weights(a), wb = weights(b);
  assert.deepEqual([...wa.keys()], [...wb.keys()]);
  let worst = 0;
  for (const [k, x] of wa) x.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - wb.get(k)![i]!)); });
  assert.ok(worst <= tol, `max |Δ| ${worst} > ${tol}`);
}

test('launch --help explains ranks, environment and examples; bad flags are refused', async () => {
  let r = await runCommand(registerLaunch, ['launch', '--help']);
  assert.equal(r.code, 0);
  const help = r.out.join('');
  for (const s of ['--nproc <n>', '--nproc-per-node', '--nnodes <n>', '--node-rank <r>', '--master-port', '--timeout', '--grace', 'RANK/LOCAL_RANK/WORLD_SIZE', 'srun',
    'per rank', 'distributed.interface', 'GLOO_SOCKET_IFNAME', '--nnodes 2 --node-rank 1']) assert.ok(help.includes(s), `help lacks ${s}`);
  r = await runCommand(registerLaunch, ['launch', '--nproc', '0', '--', 'env']);
  assert.notEqual(r.code, 0);
  assert.match(r.err.join(''), /--nproc must be an integer from 1 to 1024, got '0'/);
  r = await runCommand(registerLaunch, ['launch', '--nproc', '2', '--timeout', 'soon', '--', 'env']);
  assert.match(r.err.join(''), /--timeout must be a number > 0, got 'soon'/);
  r = await runCommand(registerLaunch, ['launch', '--', 'env']);
  assert.match(r.err.join(''), /launch: --nproc <n> .* is required/);
  r = await runCommand(registerLaunch, ['launch', '--nproc', '2', '--nproc-per-node', '3', '--', 'env']);
  assert.match(r.err.join(''), /give --nproc or --nproc-per-node, not both/);
  r = await runCommand(registerLaunch, ['launch', '--nnodes', '2', '--node-rank', '2', '--nproc', '1', '--master-addr', 'n0', '--', 'env']);
  assert.match(r.err.join(''), /--node-rank 2 must be smaller than --nnodes 2/);
  r = await runCommand(registerLaunch, ['launch', '--nnodes', '2', '--node-rank', '-1', '--nproc', '1', '--', 'env']);
  assert.match(r.err.join(''), /--node-rank must be an integer from 0 to 4095, got '-1'/);
  r = await runCommand(registerLaunch, ['launch', '--nnodes', '2', '--nproc', '1', '--', 'env']);
  assert.match(r.err.join(''), /--nnodes 2: --master-addr must be node 0's address as the other nodes reach it .*not 127\.0\.0\.1/);
  r = await runCommand(registerLaunch, ['launch', '--nproc', '2', '--', 'launch', '--nproc', '2', 'env']);
  assert.match(r.err.join(''), /cannot be launch itself/);
});

test('2 ranks (Gloo over loopback) reach the weights of 1 process with the same global batch; a 2-rank checkpoint resumes on 1 process', { skip, timeout: 400_000 }, async () => {
  await withTempDir(async (tmp) => {
    // One process, batch 4 × accumulation 2 = the global batch of 2 ranks × batch 4. Five steps cross an epoch (4 steps each).
    const one = await runCli(train(join(tmp, 'one'), '--set', 'trainer.maxSteps=5', '--set', 'trainer.accumulateGradBatches=2'));
    assert.equal(one.code, 0, one.out);
    const two = await runCli(['launch', '--nproc', '2', '--timeout', '60', '--', ...train(join(tmp, 'two'), '--set', 'trainer.maxSteps=5')]);
    assert.equal(two.code, 0, two.out);
    assert.match(two.out, /\[rank 1\] distributed: rank 1\/2/);
    assert.match(two.out, /launch: all 2 rank\(s\) finished/);
    assertSameWeights(join(tmp, 'one', 'final.pt'), join(tmp, 'two', 'final.pt'), 1e-6);
    // Only rank 0 logs: one metrics stream, every step once.
    const steps = readFileSync(join(tmp, 'two', 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { step?: number; loss?: number })
      .filter((m) => m.loss !== undefined).map((m) => m.step);
    assert.deepEqual(steps, [2, 4]);
    // Different world size: 2 ranks stop at step 3, one process (accumulation 2) resumes and finishes.
    const first = await runCli(['launch', '--nproc', '2', '--', ...train(join(tmp, 'mixed'), '--set', 'trainer.maxSteps=3')]);
    assert.equal(first.code, 0, first.out);
    const rest = await runCli(train(join(tmp, 'mixed'), '--set', 'trainer.maxSteps=5', '--set', 'trainer.accumulateGradBatches=2', '--resume'));
    assert.equal(rest.code, 0, rest.out);
    assert.match(rest.out, /resuming from .*step-3/);
    assertSameWeights(join(tmp, 'one', 'final.pt'), join(tmp, 'mixed', 'final.pt'), 1e-6);
  });
});

test('killing one rank makes the other exit with a clear error well within the timeout', { skip, timeout: 300_000 }, async () => {
  await withTempDir(async (tmp) => {
    const r = await runCli(['launch', '--nproc', '2', '--timeout', '30', '--grace', '60', '--', ...train(join(tmp, 'k'), '--set', 'trainer.maxSteps=400')], {
      // Kill rank 1 once rank 0 reported training progress.
      when: (out) => (/\[rank 0\] train pangu step \d+/.test(out) ? Number(/launch: rank 1 is pid (\d+)/.exec(out)?.[1]) : undefined),
    });
    assert.ok(r.killedAt > 0, `rank 1 was never killed:\n${r.out}`);
    assert.notEqual(r.code, 0);
    assert.match(r.out, /launch: rank 1 was killed by SIGKILL/);
    assert.match(r.out, /\[rank 0\] .*rank 0\/2: (allreduce|broadcast|barrier) failed \(a rank died or did not answer within 30 s\)/);
    assert.match(r.out, /launch: rank 0 exited with code 1; rank 1 killed by SIGKILL/);
    assert.ok(r.closedAt - r.killedAt < 30_000, `the launcher ended ${r.closedAt - r.killedAt} ms after the kill`);
    assert.ok(!existsSync(join(tmp, 'k', 'final.pt')));
  });
});
