import { resolve } from 'node:path';
import { CommanderError, type Command } from 'commander';
import {
  PROFILES, formatProblems, getProfile, loadJobSpecJson, renderPbs, renderSlurm, submitScript, validate,
  writeJobScript, type JobSpec, type SchedulerProfile,
} from '@weatherlearn/hpc';
import type { AppContext, RegisterCommand } from './types.js';

const profileList = Object.values(PROFILES).map((p) => `${p.name} (${p.scheduler})`).join(', ');

interface ScriptOpts { config?: string; profile: string; out?: string; submit?: boolean }

/** The JobSpec file of an `hpc` command (its own `--config`; the app's global one goes before `hpc`). */
function jobFileOf(cmd: Command, opts: { config?: string }): string {
  const file = opts.config;
  if (!file) return cmd.error('error: --config <job.json> is required (the JobSpec JSON file)', { exitCode: 2, code: 'weatherlearn.hpc.config' });
  return file;
}

function pickProfile(cmd: Command, name: string, scheduler?: 'slurm' | 'pbs'): SchedulerProfile {
  let p: SchedulerProfile;
  try { p = getProfile(name); } catch (e) { return cmd.error(`error: ${(e as Error).message}`, { exitCode: 2, code: 'weatherlearn.hpc.profile' }); }
  if (scheduler && p.scheduler !== scheduler) {
    cmd.error(`error: profile "${name}" is a ${p.scheduler} profile; use \`weatherlearn hpc ${p.scheduler}\``, { exitCode: 2, code: 'weatherlearn.hpc.profile' });
  }
  return p;
}

/** Reads the JSON only: {@link validate} then reports every field problem at once. */
async function readSpec(cmd: Command, file: string): Promise<JobSpec> {
  try {
    return (await loadJobSpecJson(file)) as JobSpec;
  } catch (e) {
    return cmd.error(`error: ${(e as Error).message}`, { exitCode: 1, code: 'weatherlearn.hpc.spec' });
  }
}

function scriptCommand(hpc: Command, ctx: AppContext, scheduler: 'slurm' | 'pbs'): void {
  const isSlurm = scheduler === 'slurm';
  hpc.command(scheduler)
    .description(`write a ${isSlurm ? 'SLURM (sbatch)' : 'PBS Pro (qsub)'} script from a JobSpec JSON file${isSlurm ? '' : ' (Polaris by default)'}`)
    .option('--config <file>', 'JobSpec JSON file (required; fields: see packages/hpc/README.md)')
    .option('--profile <name>', `site profile: ${profileList}`, isSlurm ? 'slurm' : 'polaris')
    .option('--out <file>', 'write the script to this file (atomically, mode 755) instead of stdout')
    .option('--submit', `submit it with ${isSlurm ? 'sbatch' : 'qsub'} (writes <name>.${isSlurm ? 'sbatch' : 'pbs'} when --out is not given)`)
    .addHelpText('after', `\nExamples:\n  weatherlearn hpc ${scheduler} --config job.json${isSlurm ? '' : ' --profile polaris'} --out job.${isSlurm ? 'sbatch' : 'pbs'}\n  weatherlearn hpc ${scheduler} --config job.json --submit\n  weatherlearn hpc validate --config job.json --profile ${isSlurm ? 'slurm' : 'polaris'}`)
    .action(async (opts: ScriptOpts, cmd: Command) => {
      const file = jobFileOf(cmd, opts);
      const profile = pickProfile(cmd, opts.profile, scheduler);
      const spec = await readSpec(cmd, file);
      const problems = validate(spec, profile);
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length) {
        ctx.err(`${file}: ${errors.length} error(s) for profile ${profile.name}:\n${formatProblems(problems)}`);
        throw new CommanderError(1, 'weatherlearn.hpc.invalid', `${file}: invalid job spec`);
      }
      for (const w of problems) ctx.err(`warning: ${formatProblems([w]).replace(/^warning\s+/, '')}`);
      const script = isSlurm ? renderSlurm(spec, profile) : renderPbs(spec, profile);
      const out = opts.out ?? (opts.submit ? `${spec.name}.${isSlurm ? 'sbatch' : 'pbs'}` : undefined);
      if (!out) { ctx.out(script.replace(/\n$/, '')); return; }
      await writeJobScript(resolve(out), script);
      ctx.err(`wrote ${out}`);
      if (opts.submit) {
        const r = await submitScript(resolve(out), scheduler, { env: ctx.env });
        ctx.out(r.jobId ? `submitted job ${r.jobId}` : r.output);
      }
    });
}

/** `weatherlearn hpc slurm|pbs|validate|profiles`: job scripts from a JobSpec, for SLURM and PBS sites. */
export const registerHpc: RegisterCommand = (program, ctx) => {
  const hpc = program.command('hpc').description('write, validate and submit SLURM/PBS job scripts (Polaris, generic PBS, generic SLURM)');
  scriptCommand(hpc, ctx, 'slurm');
  scriptCommand(hpc, ctx, 'pbs');
  hpc.command('validate')
    .description('check a JobSpec against a site profile and list every problem with a hint')
    .option('--config <file>', 'JobSpec JSON file (required)')
    .option('--profile <name>', `site profile: ${profileList}`, 'slurm')
    .action(async (opts: { config?: string; profile: string }, cmd: Command) => {
      const file = jobFileOf(cmd, opts);
      const profile = pickProfile(cmd, opts.profile);
      const problems = validate(await readSpec(cmd, file), profile);
      const errors = problems.filter((p) => p.severity === 'error').length;
      if (problems.length) ctx.out(formatProblems(problems));
      ctx.out(`${file}: ${errors} error(s), ${problems.length - errors} warning(s) for profile ${profile.name}`);
      if (errors) throw new CommanderError(1, 'weatherlearn.hpc.invalid', `${file}: invalid job spec`);
    });
  hpc.command('profiles')
    .description('list the built-in site profiles')
    .action(() => { for (const p of Object.values(PROFILES)) ctx.out(`${p.name.padEnd(8)} ${p.scheduler.padEnd(5)} ${p.description}`); });
};
