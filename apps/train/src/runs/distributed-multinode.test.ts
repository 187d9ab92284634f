// The cluster path end to end: a real 2-node SLURM (one slurmd per network namespace) runs the script
// `weatherlearn hpc slurm` renders for `nodes: 2`; the ranks find each other without any interface
// setting although node 0's /etc/hosts maps its own name to 127.0.1.1 (Debian's default).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { c10dUnavailableReason } from '@weatherlearn/distributed';
import { assertParts, createNetHosts, netnsUnavailableReason, skipUnlessCi, type NetHosts } from '@weatherlearn/distributed/testing';
import { withTempDir } from '@weatherlearn/test-parts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..', '..');
const cli = join(here, '..', 'cli.ts');
const hpcTest = (f: string) => pathToFileURL(join(repo, 'packages', 'hpc', 'test', f)).href;
// Helpers of the hpc package's tests, outside this app's rootDir.
const { slurmSkipReason } = await import(hpcTest('slurm-cluster.ts')) as { slurmSkipReason(): string | false };
const { startNetCluster } = await import(hpcTest('slurm-netcluster.ts')) as {
  startNetCluster(h: { names: string[]; addresses: string[] }): Promise<{
    run(bin: string, args: string[], cwd?: string): string; waitDone(id: string, ms: number): Promise<Record<string, string>>; stop(keep?: boolean): void; dir: string;
  }>;
};

const parts = [c10dUnavailableReason(), netnsUnavailableReason(), slurmSkipReason() || undefined];
const skip = skipUnlessCi(parts, process.env);
const made: NetHosts[] = [];
after(() => { for (const h of made) h.cleanup(); });

const node = [process.execPath, '--conditions=source', '--import', 'tsx', cli];
const train = (out: string, ...extra: string[]) => ['train', 'pangu', '--config', 'examples/pangu-tiny.json', '--out', out, '--set', 'trainer.maxSteps=3',
  '--set', 'pangu.noiseFactor=0', '--set', 'pangu.dropPathRate=0', '--set', 'optim.schedule=constant', '--set', 'samples=0',
  '--set', 'trainer.valCheckInterval=0', '--set', 'loggers.names=jsonl', ...extra];

test('sbatch of the rendered nodes: 2 script on a 2-node SLURM trains to the weights of one process (no interface setting)', { skip, timeout: 400_000 }, async () => {
  assertParts(parts);
  const h = createNetHosts(2);
  made.push(h);
  h.etcHosts(0, '127.0.0.1 localhost\n127.0.1.1 node0\n10.77.0.2 node1\n');
  h.etcHosts(1, '127.0.0.1 localhost\n10.77.0.1 node0\n10.77.0.2 node1\n');
  const cluster = await startNetCluster({ names: h.names, addresses: h.addresses.map((a) => a[0]!) });
  try {
    await withTempDir(async (tmp) => {
      const spec = {
        name: 'pangu-2n', partition: 'debug', nodes: 2, tasksPerNode: 1, cpusPerTask: 1, walltime: '00:10:00', output: join(tmp, 'job.out'),
        env: { WEATHERLEARN_DISTRIBUTED_TIMEOUT: '60' }, command: [...node, ...train(join(tmp, 'two'))],
      };
      writeFileSync(join(tmp, 'spec.json'), JSON.stringify(spec));
      const render = spawnSync(node[0]!, [...node.slice(1), 'hpc', 'slurm', '--config', join(tmp, 'spec.json'), '--out', join(tmp, 'job.sbatch')], { cwd: repo, encoding: 'utf8' });
      assert.equal(render.status, 0, render.stderr);
      const id = cluster.run('sbatch', ['--parsable', join(tmp, 'job.sbatch')], repo).trim().split(';')[0]!;
      const job = await cluster.waitDone(id, 300_000);
      const log = readFileSync(join(tmp, 'job.out'), 'utf8');
      assert.equal(job.JobState, 'COMPLETED', `${job.JobState}:\n${log}`);
      assert.equal(job.NodeList, 'node[0-1]');
      assert.match(log, /distributed: rank 0\/2 \(local 0\) joining tcp:\/\/node0:\d+ .*binds 10\.77\.0\.1 on eth0 \(MASTER_ADDR is this host\)/);
      assert.match(log, /distributed: rank 1\/2 \(local 0\) joining tcp:\/\/node0:\d+ .*binds 10\.77\.0\.2 on eth0 \(route to MASTER_ADDR 10\.77\.0\.1\)/);
      const one = spawnSync(node[0]!, [...node.slice(1), ...train(join(tmp, 'one'), '--set', 'trainer.accumulateGradBatches=2')], { cwd: repo, encoding: 'utf8', timeout: 300_000 });
      assert.equal(one.status, 0, one.stderr);
      assert.ok(readFileSync(join(tmp, 'two', 'final.pt')).equals(readFileSync(join(tmp, 'one', 'final.pt'))), 'final.pt must match byte for byte');
    });
  } finally {
    cluster.stop();
  }
});
