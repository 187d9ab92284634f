// Smoke test of PBS output: slurm-wlm-torque's `qsub` wrapper hands the generated PBS script to
// sbatch, which honours part of the #PBS directives (-N, walltime, select ncpus). The job runs
// the PBS body for real, including the watchdog that sends SIGUSR1 before the walltime.
// (PBS itself is not installable here; its scripts are also checked by golden files.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { PBS_PROFILE, renderPbs, writeJobScript } from '../src/index.js';
import { slurmSkipReason, startCluster, type Cluster } from './slurm-cluster.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const hasQsub = (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, 'qsub')));
const skip = requirePart('slurm', slurmSkipReason()) || requirePart('qsub', !hasQsub && 'needs qsub from slurm-wlm-torque');

// Not `describe(…, { skip })`: Node 20 would report a skipped suite as 0 skipped tests.
describe('PBS script through the qsub wrapper', { timeout: 150_000 }, () => {
  let cluster: Cluster;
  let work: string;
  before(() => {
    if (skip) return; // the tests below skip (counted one by one) or, under CI=true, fail
    cluster = startCluster({ cpus: 2, gpus: 0 });
    work = mkdtempSync(join(tmpdir(), 'wl-pbs-'));
  });
  after(() => {
    cluster?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('qsub runs the generated script; the watchdog signal leaves a checkpoint', { skip }, async () => {
    const ckpt = join(work, 'ckpt');
    const script = join(work, 'job.pbs');
    await writeJobScript(script, renderPbs({
      name: 'pbssmoke', walltime: '00:01:00', signalBeforeTimeout: 50, env: { MSG: 'hello pbs' },
      command: ['bash', '-c', `echo "$MSG rank=$RANK world=$WORLD_SIZE" > ${ckpt}.env; trap 'echo saved > ${ckpt}; exit 0' USR1; for i in $(seq 600); do sleep 0.1; done`],
    }, PBS_PROFILE));
    const id = cluster.run('qsub', [script], work).trim();
    assert.match(id, /^\d+$/, `qsub printed ${id}`);
    const [info] = await cluster.waitFor([id], ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT'], 100_000);
    // The wrapper names the logs itself (-o/-e on the sbatch line win over #PBS -j oe).
    const why = [info!.StdOut, info!.StdErr].map((f) => (f && existsSync(f) ? readFileSync(f, 'utf8') : '')).join('');
    assert.equal(info!.JobName, 'pbssmoke', 'sbatch read #PBS -N');
    assert.equal(info!.TimeLimit, '00:01:00', 'sbatch read #PBS -l walltime');
    assert.equal(info!.JobState, 'COMPLETED', why);
    assert.equal(readFileSync(`${ckpt}.env`, 'utf8').trim(), 'hello pbs rank=0 world=1');
    assert.equal(readFileSync(ckpt, 'utf8').trim(), 'saved', why);
    assert.match(why, /SIGUSR1 before the time limit/);
  });
});
