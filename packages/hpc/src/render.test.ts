import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSlurm } from './render-slurm.js';
import { renderPbs } from './render-pbs.js';
import { JobSpecError } from './problem.js';
import { PBS_PROFILE, POLARIS_PROFILE, SLURM_PROFILE } from './profiles.js';
import type { JobSpec } from './jobspec.js';

const base: JobSpec = { name: 'job', walltime: '01:00:00', command: ['weatherlearn', 'train', 'pangu'] };

test('renderers refuse invalid specs with every error, and profiles of the other scheduler', () => {
  assert.throws(() => renderSlurm({ ...base, walltime: '1h', nodes: 0 }), (e: unknown) =>
    e instanceof JobSpecError && e.problems.map((p) => p.field).join() === 'nodes,walltime' && /walltime/.test(e.message));
  assert.throws(() => renderPbs(base, POLARIS_PROFILE), /account: required on polaris/);
  assert.throws(() => renderSlurm(base, POLARIS_PROFILE), /is a pbs profile/);
  assert.throws(() => renderPbs(base, SLURM_PROFILE), /is a slurm profile/);
});

test('SLURM directives: GRES, memory, signal and requeue follow the spec', () => {
  const s = renderSlurm({ ...base, gpusPerNode: 'a100:2', tasksPerNode: 2, memory: '64gb', requeue: true, signalBeforeTimeout: 120 });
  assert.match(s, /^#SBATCH --gres=gpu:a100:2$/m);
  assert.match(s, /^#SBATCH --mem=64G$/m);
  assert.match(s, /^#SBATCH --signal=B:USR1@120$/m);
  assert.match(s, /^#SBATCH --requeue$/m);
  assert.match(s, /scontrol requeue "\$SLURM_JOB_ID"/);
  const plain = renderSlurm({ ...base, signalBeforeTimeout: false });
  assert.doesNotMatch(plain, /USR1|trap|requeue "/);
  assert.match(plain, /^#SBATCH --no-requeue$/m);
});

test('arrays: --shard is appended to preprocessing commands and WL_SHARD maps index to i/n', () => {
  const s = renderSlurm({ ...base, array: '4-7', command: ['weatherlearn', 'gridrad', 'preprocess', '--input', '/d'] });
  assert.match(s, /^export WL_SHARD="\$\(\(WL_ARRAY_INDEX - 4\)\)\/4"$/m);
  assert.match(s, /weatherlearn gridrad preprocess --input \/d --shard "\$WL_SHARD" &$/m);
  const p = renderPbs({ ...base, array: '0-3', command: ['weatherlearn', 'superdarn', 'grid'] }, PBS_PROFILE);
  assert.match(p, /^#PBS -J 0-3$/m);
  assert.match(p, /WL_ARRAY_INDEX="\$\{PBS_ARRAY_INDEX:\?/);
});

test('containers: apptainer exec --nv -B and docker run --gpus all -v -e', () => {
  const a = renderSlurm({ ...base, gpusPerNode: 1, container: { image: '/c/wl.sif', binds: ['/d:/data:ro'] } });
  assert.match(a, /weatherlearn-rank apptainer exec --nv -B \/d:\/data:ro \/c\/wl\.sif weatherlearn train pangu/);
  assert.doesNotMatch(renderSlurm({ ...base, container: { image: 'x.sif' } }), /--nv/);
  const d = renderPbs({ ...base, gpusPerNode: 1, env: { A: '1' }, container: { image: 'img:1', binds: ['/d:/d'], runtime: 'docker' } }, PBS_PROFILE);
  assert.match(d, /docker run --rm --init --gpus all --network host --ipc host -v \/d:\/d -e RANK .*-e A -e WL_JOB_ID img:1 weatherlearn/);
});

test('Polaris: select/system, place, filesystems, account, queue, modules and proxies', () => {
  const p = renderPbs({ ...base, account: 'P', nodes: 2, partition: 'preemptable', container: { image: 'w.sif' } }, POLARIS_PROFILE);
  for (const line of ['#PBS -A P', '#PBS -q preemptable', '#PBS -l select=2:system=polaris', '#PBS -l place=scatter', '#PBS -l walltime=01:00:00',
    '#PBS -l filesystems=home:grand', 'module use /soft/modulefiles', 'module load spack-pe-base/0.8.1 apptainer e2fsprogs',
    'export https_proxy=http://proxy.alcf.anl.gov:3128']) assert.ok(p.split('\n').includes(line), line);
  assert.match(p, /mpiexec -n "\$NTOTRANKS" --ppn "\$NRANKS_PER_NODE" --depth="\$NDEPTH" --cpu-bind depth/);
});

test('PBS watchdog: the script itself signals the rank before the walltime (run here with bash)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-pbs-watchdog-'));
  try {
    const ckpt = join(dir, 'ckpt');
    const script = renderPbs({
      name: 'wd', walltime: '00:00:30', signalBeforeTimeout: 29, requeue: true,
      command: ['bash', '-c', `trap 'echo saved > ${ckpt}; exit 0' USR1; for i in $(seq 300); do sleep 0.1; done; exit 3`],
    }, PBS_PROFILE);
    const t0 = Date.now();
    const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(Date.now() - t0 < 10_000, 'signalled after ~1 s, long before the command would end');
    assert.equal(readFileSync(ckpt, 'utf8').trim(), 'saved');
    assert.match(r.stderr, /SIGUSR1 before the time limit[\s\S]*rerunnable/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
