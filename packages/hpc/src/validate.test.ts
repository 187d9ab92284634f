import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate } from './validate.js';
import { PBS_PROFILE, POLARIS_PROFILE, SLURM_PROFILE, getProfile } from './profiles.js';
import type { JobSpec } from './jobspec.js';
import type { Problem } from './problem.js';

const base: JobSpec = { name: 'train', account: 'Proj', walltime: '00:30:00', command: ['weatherlearn', 'train', 'pangu'] };
const fields = (ps: Problem[], sev: Problem['severity'] = 'error') => ps.filter((p) => p.severity === sev).map((p) => p.field).sort();

test('a good spec has no problems on every profile', () => {
  for (const p of [SLURM_PROFILE, PBS_PROFILE, POLARIS_PROFILE]) assert.deepEqual(validate(base, p), [], p.name);
});

test('every problem is reported at once, each with a hint', () => {
  const ps = validate({ nodes: 0, walltime: '1h', command: 'echo $X', bogus: 1, memory: '12 GB' }, SLURM_PROFILE);
  assert.deepEqual(fields(ps), ['bogus', 'command', 'memory', 'name', 'nodes', 'walltime']);
  for (const p of ps) assert.ok(p.hint.length > 3 && p.message.length > 3, JSON.stringify(p));
  assert.match(validate({ ...base, walltme: '1' }, SLURM_PROFILE)[0]!.hint, /did you mean "walltime"/);
});

test('Polaris: account, queue names, node and walltime limits, routed prod limits', () => {
  const noAcct = { ...base, account: undefined };
  assert.deepEqual(fields(validate(noAcct, POLARIS_PROFILE)), ['account']);
  assert.deepEqual(fields(validate(noAcct, PBS_PROFILE)), []);
  assert.match(validate({ ...base, partition: 'gpu' }, POLARIS_PROFILE)[0]!.hint, /debug, debug-scaling, prod, preemptable, demand/);
  assert.deepEqual(fields(validate({ ...base, partition: 'debug', nodes: 3, walltime: '02:00:00' }, POLARIS_PROFILE)), ['nodes', 'walltime']);
  assert.deepEqual(fields(validate({ ...base, partition: 'preemptable', nodes: 10, walltime: '72:00:00' }, POLARIS_PROFILE)), []);
  const small = validate({ ...base, partition: 'prod', nodes: 12, walltime: '06:00:00' }, POLARIS_PROFILE);
  assert.deepEqual(fields(small), ['walltime']);
  assert.match(small[0]!.message, /routed to "small"/);
  assert.deepEqual(fields(validate({ ...base, partition: 'prod', nodes: 200, walltime: '06:00:00' }, POLARIS_PROFILE)), []);
  assert.deepEqual(fields(validate({ ...base, walltime: '00:01:00', signalBeforeTimeout: 30 }, POLARIS_PROFILE)), ['walltime']);
  assert.deepEqual(fields(validate({ ...base, filesystems: ['home', 'lustre'] }, POLARIS_PROFILE)), ['filesystems']);
  assert.deepEqual(fields(validate({ ...base, memory: '64G' }, POLARIS_PROFILE), 'warning'), ['memory']);
});

test('GPU/task consistency and GRES syntax', () => {
  assert.deepEqual(fields(validate({ ...base, gpusPerNode: 4, tasksPerNode: 4 }, POLARIS_PROFILE)), []);
  assert.deepEqual(fields(validate({ ...base, gpusPerNode: 8, tasksPerNode: 8 }, POLARIS_PROFILE)), ['gpusPerNode']);
  assert.deepEqual(fields(validate({ ...base, gpusPerNode: 2, tasksPerNode: 4 }, SLURM_PROFILE)), ['tasksPerNode']);
  assert.deepEqual(fields(validate({ ...base, gpusPerNode: 3, tasksPerNode: 2 }, SLURM_PROFILE)), ['gpusPerNode']);
  assert.deepEqual(fields(validate({ ...base, gpusPerNode: 4, tasksPerNode: 1 }, SLURM_PROFILE), 'warning'), ['tasksPerNode']);
  assert.deepEqual(fields(validate({ ...base, gpusPerNode: 'a100:2', tasksPerNode: 2 }, SLURM_PROFILE)), []);
  for (const bad of ['gpu:2', 'a100:', '2x', -1, 1.5]) assert.deepEqual(fields(validate({ ...base, gpusPerNode: bad }, SLURM_PROFILE)), ['gpusPerNode'], String(bad));
  assert.deepEqual(fields(validate({ ...base, tasksPerNode: 4, cpusPerTask: 32 }, POLARIS_PROFILE)), ['cpusPerTask']);
});

test('shell-unsafe values are refused where they cannot be quoted', () => {
  const ps = validate({ ...base, name: 'a b', account: 'x$(id)', output: 'my log.txt', env: { 'BAD-NAME': 'v', RANK: '3', OK: 'line\nbreak' },
    modules: ['cuda; rm'], container: { image: 'a b.sif', binds: ['data:/data', '/a:/b:zz'] } }, SLURM_PROFILE);
  assert.deepEqual(fields(ps), ['account', 'container.binds[0]', 'container.binds[1]', 'container.image', 'env.BAD-NAME', 'env.OK', 'env.RANK', 'modules[0]', 'name', 'output']);
});

test('signal, requeue, arrays and placeholders', () => {
  assert.deepEqual(fields(validate({ ...base, signalBeforeTimeout: 1800 }, SLURM_PROFILE)), ['signalBeforeTimeout']);
  assert.deepEqual(fields(validate({ ...base, requeue: true, signalBeforeTimeout: false }, SLURM_PROFILE), 'warning'), ['requeue']);
  assert.deepEqual(fields(validate({ ...base, command: ['x', '--shard', '{shard}'] }, SLURM_PROFILE)), ['command']);
  const gridrad = { ...base, array: '1,3', command: 'weatherlearn gridrad preprocess --input /d' };
  assert.deepEqual(fields(validate(gridrad, SLURM_PROFILE)), ['array']);
  assert.deepEqual(fields(validate({ ...gridrad, array: '0-3' }, SLURM_PROFILE)), []);
  assert.deepEqual(fields(validate({ ...base, array: '0-3' }, SLURM_PROFILE), 'warning'), ['array']);
  assert.deepEqual(fields(validate({ ...base, array: '5', command: ['x', '{arrayIndex}'] }, PBS_PROFILE)), ['array']);
  assert.deepEqual(fields(validate({ ...base, output: 'o-%j.log' }, PBS_PROFILE), 'warning'), ['output']);
});

test('getProfile names the known profiles on a typo', () => {
  assert.equal(getProfile('polaris'), POLARIS_PROFILE);
  assert.throws(() => getProfile('polars'), /known profiles: polaris, pbs, slurm/);
  assert.throws(() => getProfile('toString'), /unknown profile/);
});
