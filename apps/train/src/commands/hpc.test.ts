import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { POLARIS_PROFILE, renderPbs, renderSlurm, type JobSpec } from '@weatherlearn/hpc';
import { runCli } from '../program.js';

const root = mkdtempSync(join(tmpdir(), 'wl-cli-hpc-'));
after(() => rmSync(root, { recursive: true, force: true }));

const spec: JobSpec = { name: 'cli-job', account: 'Proj', walltime: '00:30:00', tasksPerNode: 2, gpusPerNode: 2, command: ['weatherlearn', 'train', 'pangu', '--config', 'my run.json'] };
const specFile = join(root, 'job.json');
writeFileSync(specFile, JSON.stringify(spec));

async function cli(args: string[], env: Record<string, string | undefined> = { PATH: process.env.PATH }) {
  const out: string[] = []; const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env, isTTY: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('hpc slurm --config writes the rendered script atomically, executable, valid bash', async () => {
  const file = join(root, 'job.sbatch');
  const r = await cli(['hpc', 'slurm', '--config', specFile, '--out', file]);
  assert.equal(r.code, 0, r.err);
  assert.equal(readFileSync(file, 'utf8'), renderSlurm(spec));
  assert.equal(statSync(file).mode & 0o777, 0o755);
  execFileSync('bash', ['-n', file]);
});

test('hpc pbs prints a Polaris script by default; --profile pbs switches', async () => {
  const r = await cli(['hpc', 'pbs', '--config', specFile]);
  assert.equal(r.code, 0, r.err);
  assert.equal(`${r.out}\n`, renderPbs(spec, POLARIS_PROFILE));
  assert.match(r.out, /#PBS -l select=1:system=polaris/);
  const g = await cli(['hpc', 'pbs', '--config', specFile, '--profile', 'pbs']);
  assert.match(g.out, /#PBS -l select=1:ncpus=2:mpiprocs=2:ngpus=2/);
});

test('hpc validate lists every problem with hints and fails on errors', async () => {
  const bad = join(root, 'bad.json');
  writeFileSync(bad, JSON.stringify({ name: 'b', walltime: '3h', nodez: 2, command: ['x'], partition: 'debug', nodes: 5 }));
  const r = await cli(['hpc', 'validate', '--config', bad, '--profile', 'polaris']);
  assert.equal(r.code, 1);
  for (const f of ['walltime', 'nodez', 'account', 'nodes']) assert.match(r.out, new RegExp(`error\\s+${f}: .*hint:`), f);
  assert.match(r.out, /did you mean "nodes"/);
  const ok = await cli(['hpc', 'validate', '--config', specFile]);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /0 error\(s\)/);
  const render = await cli(['hpc', 'slurm', '--config', bad]);
  assert.equal(render.code, 1);
  assert.match(render.err, /walltime: "3h" is not HH:MM:SS/);
});

test('helpful errors for bad flags and files', async () => {
  const r1 = await cli(['hpc', 'slurm', '--config', specFile, '--profile', 'polars']);
  assert.match(r1.err, /unknown profile "polars"; known profiles: polaris, pbs, slurm/);
  const r2 = await cli(['hpc', 'slurm', '--config', specFile, '--profile', 'polaris']);
  assert.match(r2.err, /pbs profile; use `weatherlearn hpc pbs`/);
  const r3 = await cli(['hpc', 'slurm']);
  assert.match(r3.err, /--config <job.json> is required/);
  const r4 = await cli(['hpc', 'slurm', '--config', join(root, 'missing.json')]);
  assert.match(r4.err, /missing\.json: cannot read job spec/);
  writeFileSync(join(root, 'broken.json'), '{"name": ');
  const r5 = await cli(['hpc', 'pbs', '--config', join(root, 'broken.json')]);
  assert.match(r5.err, /broken\.json: not valid JSON/);
  const r6 = await cli(['hpc', 'slurm', '--config', specFile, '--submitt']);
  assert.notEqual(r6.code, 0);
  assert.match(r6.err, /unknown option '--submitt'/);
  for (const r of [r1, r2, r3, r4, r5]) assert.notEqual(r.code, 0);
});

test('hpc slurm --submit writes <name>.sbatch and hands it to sbatch from the app environment', async () => {
  const bin = join(root, 'bin');
  execFileSync('mkdir', ['-p', bin]);
  writeFileSync(join(bin, 'sbatch'), `#!/bin/sh\necho "$@" > ${join(root, 'sbatch-args')}\necho "4242;cluster"\n`, { mode: 0o755 });
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const r = await cli(['hpc', 'slurm', '--config', specFile, '--submit'], { PATH: `${bin}:${process.env.PATH}` });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /submitted job 4242/);
  } finally { process.chdir(cwd); }
  assert.equal(readFileSync(join(root, 'sbatch-args'), 'utf8').trim(), `--parsable ${join(root, 'cli-job.sbatch')}`);
  assert.equal(readFileSync(join(root, 'cli-job.sbatch'), 'utf8'), renderSlurm(spec));
});

test('hpc --help and hpc profiles describe the commands', async () => {
  const h = await cli(['hpc', 'slurm', '--help']);
  assert.match(h.out, /--config <file>/);
  assert.match(h.out, /--submit/);
  const p = await cli(['hpc', 'profiles']);
  assert.match(p.out, /polaris\s+pbs/);
});
