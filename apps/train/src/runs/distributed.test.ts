import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { c10dUnavailableReason } from '@weatherlearn/distributed';
import { withTempDir } from '@weatherlearn/test-parts';
import { collectiveFromEnv } from './distributed.js';
import { DEFAULT_APP_CONFIG } from '../config/schema.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const D = DEFAULT_APP_CONFIG.distributed;

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..', '..');
// The real-SLURM helper of the hpc package's tests (a throwaway single-node cluster), outside this app's rootDir.
const { slurmSkipReason, startCluster } = await import(pathToFileURL(join(repo, 'packages', 'hpc', 'test', 'slurm-cluster.ts')).href) as {
  slurmSkipReason(): string | false;
  startCluster(o: { cpus?: number; gpus?: number }): { env: Record<string, string>; stop(): void };
};
const cli = join(here, '..', 'cli.ts');

test('collectiveFromEnv: one process needs no group; bad variables are named', async () => {
  const lines: string[] = [];
  assert.equal(await collectiveFromEnv({}, D, (l) => lines.push(l)), undefined);
  assert.equal(await collectiveFromEnv({ RANK: '0', WORLD_SIZE: '1' }, D, (l) => lines.push(l)), undefined);
  assert.equal(await collectiveFromEnv({ SLURM_PROCID: '0', SLURM_NTASKS: '4' }, D, (l) => lines.push(l)), undefined, 'a batch script (no srun step) is one process');
  assert.deepEqual(lines, []);
  await assert.rejects(collectiveFromEnv({ RANK: '2', WORLD_SIZE: '2' }, D, () => {}), /RANK 2 must be smaller than WORLD_SIZE 2/);
  await assert.rejects(collectiveFromEnv({ WORLD_SIZE: 'two' }, D, () => {}), /WORLD_SIZE="two" must be an integer ≥ 1/);
  await assert.rejects(collectiveFromEnv({ WORLD_SIZE: '2', MASTER_PORT: '70000' }, D, () => {}), /MASTER_PORT="70000" must be a TCP port/);
  await assert.rejects(collectiveFromEnv({ WORLD_SIZE: '2' }, { ...D, timeout: -1 }, () => {}), /"distributed.timeout" must be a positive number of seconds/);
  await assert.rejects(collectiveFromEnv({ WORLD_SIZE: '2' }, { ...D, store: 'redis://x' }, () => {}), /"distributed.store" must be "tcp" or "file:/);
});

test('collectiveFromEnv: a rank whose address would be loopback while MASTER_ADDR is not fails at once, before the rendezvous', async () => {
  const lines: string[] = [];
  const t0 = Date.now();
  await assert.rejects(collectiveFromEnv({ RANK: '1', WORLD_SIZE: '2', MASTER_ADDR: '10.1.2.3', GLOO_SOCKET_IFNAME: 'lo' }, D, (l) => lines.push(l)),
    /distributed: rank 1\/2: this rank would bind the loopback address 127\.0\.0\.1 \(GLOO_SOCKET_IFNAME\) while MASTER_ADDR 10\.1\.2\.3 is not loopback: ranks on other hosts would be told to connect to their own loopback\. Set distributed\.interface/);
  await assert.rejects(collectiveFromEnv({ RANK: '1', WORLD_SIZE: '2', MASTER_ADDR: '10.1.2.3' }, { ...D, address: '127.0.0.1' }, () => {}), /127\.0\.0\.1 \(distributed\.address\) while MASTER_ADDR/);
  assert.ok(Date.now() - t0 < 5000);
  assert.deepEqual(lines, []);
});

const notBuilt = c10dUnavailableReason();
const skip = requirePart('slurm', slurmSkipReason()) || requirePart('c10d', notBuilt);

test('srun --ntasks=2 on a real local SLURM trains data-parallel to the weights of one process (FileStore rendezvous)', { skip, timeout: 400_000 }, async () => {
  const cluster = startCluster({ cpus: 2, gpus: 0 });
  try {
    await withTempDir(async (tmp) => {
      const args = (out: string) => ['train', 'pangu', '--config', 'examples/pangu-tiny.json', '--out', out, '--set', 'trainer.maxSteps=4',
        '--set', 'pangu.noiseFactor=0', '--set', 'pangu.dropPathRate=0', '--set', 'optim.schedule=constant', '--set', 'samples=0', '--set', 'loggers.names=jsonl'];
      const node = [process.execPath, '--conditions=source', '--import', 'tsx', cli];
      const srun = spawnSync('srun', ['--ntasks=2', '--overcommit', '--time=5', ...node, ...args(join(tmp, 'srun'))], {
        cwd: repo, env: { ...cluster.env, WEATHERLEARN_DISTRIBUTED_STORE: `file:${join(tmp, 'store')}`, WEATHERLEARN_DISTRIBUTED_TIMEOUT: '60' }, encoding: 'utf8', timeout: 300_000,
      });
      const log = `${srun.stdout}\n${srun.stderr}`;
      assert.equal(srun.status, 0, log);
      assert.match(log, /distributed: rank 1\/2 \(local 1\) joining file:/);
      const one = spawnSync(node[0]!, [...node.slice(1), ...args(join(tmp, 'one')), '--set', 'trainer.accumulateGradBatches=2'], { cwd: repo, encoding: 'utf8', timeout: 300_000 });
      assert.equal(one.status, 0, one.stderr);
      assert.ok(readFileSync(join(tmp, 'srun', 'final.pt')).equals(readFileSync(join(tmp, 'one', 'final.pt'))), 'final.pt must match byte for byte');
    });
  } finally {
    cluster.stop();
  }
});
