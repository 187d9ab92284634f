// Real-SLURM tests: a throwaway single-node cluster (scripts/slurm/start.sh) runs the generated
// scripts. Skipped with a message when SLURM is not installed or we are not root.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSlurm, writeJobScript, type JobSpec } from '../src/index.js';
import { slurmSkipReason, startCluster, type Cluster } from './slurm-cluster.js';
import { runArrayJob } from './slurm-array.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const skip = requirePart('slurm', slurmSkipReason());
const DONE = ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL'];

// Not `describe(…, { skip })`: Node 20 would report a skipped suite as 0 skipped tests.
describe('real SLURM', { timeout: 240_000 }, () => {
  let cluster: Cluster;
  let work: string;
  before(() => {
    if (skip) return; // the tests below skip (counted one by one) or, under CI=true, fail
    cluster = startCluster({ cpus: 4, gpus: 2 });
    work = mkdtempSync(join(tmpdir(), 'wl-hpc-'));
  });
  after(() => {
    cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function submit(spec: JobSpec, file: string, args: string[] = []): Promise<string> {
    const path = join(work, file);
    await writeJobScript(path, renderSlurm(spec));
    return cluster.run('sbatch', ['--parsable', ...args, path], work).trim().split(';')[0]!;
  }

  test('a 2-rank GPU job gets RANK/LOCAL_RANK/WORLD_SIZE/MASTER_* from srun', { skip }, async () => {
    const id = await submit({
      name: 'ranks', walltime: '00:05:00', tasksPerNode: 2, gpusPerNode: 2, output: join(work, 'ranks.log'),
      env: { GREETING: "it's $HOME" },
      command: ['bash', '-c', 'echo "$RANK $LOCAL_RANK $WORLD_SIZE $MASTER_ADDR $MASTER_PORT $GREETING" > "rank-$RANK.txt"'],
    }, 'ranks.sbatch');
    const [info] = await cluster.waitFor([id], DONE, 60_000);
    assert.equal(info!.JobState, 'COMPLETED', readFileSync(join(work, 'ranks.log'), 'utf8'));
    for (const r of [0, 1]) {
      const [rank, local, world, addr, port, ...greeting] = readFileSync(join(work, `rank-${r}.txt`), 'utf8').trim().split(' ');
      assert.deepEqual([rank, local, world], [String(r), String(r), '2']);
      assert.ok(addr && Number(port) >= 20000, `${addr}:${port}`);
      assert.equal(greeting.join(' '), "it's $HOME");
    }
  });

  test('sbatch --test-only accepts a generated script and refuses an impossible one', { skip }, async () => {
    const ok = join(work, 'ok.sbatch');
    await writeJobScript(ok, renderSlurm({ name: 'ok', walltime: '00:05:00', tasksPerNode: 2, gpusPerNode: 2, command: ['true'] }));
    const r1 = cluster.run('bash', ['-c', 'sbatch --test-only "$1" 2>&1', 'x', ok], work);
    assert.match(r1, /to start at/);
    const bad = join(work, 'bad.sbatch');
    await writeJobScript(bad, renderSlurm({ name: 'bad', walltime: '00:05:00', tasksPerNode: 8, gpusPerNode: 8, command: ['true'] }));
    assert.throws(() => cluster.run('sbatch', ['--test-only', bad], work), /not available|Requested node configuration/);
  });

  test('a job array passes --shard i/n to every task', { skip }, async () => {
    const out = join(work, 'shards');
    const infos = await runArrayJob(cluster, {
      array: '0-3', workDir: out,
      command: ['bash', '-c', 'echo "$1 $WL_ARRAY_INDEX" > "shard-$WL_ARRAY_INDEX.txt"', 'task', '--shard={shard}'],
    });
    assert.deepEqual(infos.map((i) => i.JobState), ['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    const got = readdirSync(out).filter((f) => f.startsWith('shard-')).sort().map((f) => readFileSync(join(out, f), 'utf8').trim());
    assert.deepEqual(got, ['--shard=0/4 0', '--shard=1/4 1', '--shard=2/4 2', '--shard=3/4 3']);
  });

  // The command traps SIGUSR1, writes a checkpoint and exits 0, like the trainer does.
  const checkpointer = (file: string) => ['bash', '-c', `trap 'echo step-42 > ${file}; exit 0' USR1; echo started > ${file}.started; for i in $(seq 1200); do sleep 0.1; done`];

  test('USR1 reaches the rank, which checkpoints; the job requeues itself', { skip }, async () => {
    const ckpt = join(work, 'ckpt-requeue');
    const id = await submit({ name: 'requeue', walltime: '00:10:00', requeue: true, output: join(work, 'requeue.log'), command: checkpointer(ckpt) }, 'requeue.sbatch');
    await cluster.waitFor([id], ['RUNNING'], 60_000);
    const t0 = Date.now();
    while (!existsSync(`${ckpt}.started`) && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 100));
    cluster.run('scancel', ['--batch', '--signal=USR1', id]);
    const [info] = await cluster.waitFor([id], ['PENDING', ...DONE], 60_000);
    assert.equal(readFileSync(ckpt, 'utf8').trim(), 'step-42');
    assert.equal(info!.JobState, 'PENDING', 'requeued job is pending again');
    assert.equal(info!.Restarts, '1');
    assert.match(readFileSync(join(work, 'requeue.log'), 'utf8'), /requeueing job/);
    cluster.run('scancel', [id]);
  });

  test('SLURM itself sends the pre-timeout signal before a short time limit', { skip }, async () => {
    const ckpt = join(work, 'ckpt-timeout');
    const id = await submit({ name: 'timeout', walltime: '00:01:00', signalBeforeTimeout: 50, output: join(work, 'timeout.log'), command: checkpointer(ckpt) }, 'timeout.sbatch');
    const [info] = await cluster.waitFor([id], DONE, 100_000);
    assert.equal(readFileSync(ckpt, 'utf8').trim(), 'step-42', readFileSync(join(work, 'timeout.log'), 'utf8'));
    assert.equal(info!.JobState, 'COMPLETED');
  });
});
