import type { ResolvedJobSpec } from './jobspec.js';
import { parseGpus } from './jobspec.js';
import type { SchedulerProfile } from './profiles.js';
import { shellQuote } from './quote.js';
import { parseArray } from './array.js';
import { commandArgv, renderArgv, withShard } from './command.js';
import { containerPrefix } from './container.js';
import { distributedEnvLines, launcherWords, rankWrapper, usesLauncher } from './launch.js';
import { runLines, trapLines, watchdogLines } from './signal.js';
import { parseWalltime } from './walltime.js';

/** Scheduler variables the shared body refers to. */
export interface BodyDialect {
  /** Expression for the job id, e.g. `$SLURM_JOB_ID`. */
  jobId: string;
  /** Expression for the array index. */
  arrayIndex: string;
  /** Lines run right after the trap (e.g. `cd "$PBS_O_WORKDIR"`). */
  preamble: string[];
  /** Lines that requeue the job after the pre-timeout signal (empty: none). */
  requeue: string[];
  /** A timer in the script sends the pre-timeout SIGUSR1 (PBS has no `--signal`). */
  watchdog?: boolean;
}

/** The script body shared by SLURM and PBS: trap, modules, env, shard, rendezvous, launch. */
export function renderBody(spec: ResolvedJobSpec, profile: SchedulerProfile, d: BodyDialect): string[] {
  const signal = spec.signalBeforeTimeout !== false && spec.signalBeforeTimeout > 0;
  const lines: string[] = ['set -euo pipefail'];
  if (signal) lines.push('', ...trapLines());
  lines.push(...d.preamble);

  const modules = [...(spec.container ? profile.containerModules ?? [] : []), ...(spec.modules ?? [])];
  if (modules.length) {
    lines.push('', ...(profile.moduleUse ?? []).map((p) => `module use ${shellQuote(p)}`));
    lines.push(`module load ${modules.map(shellQuote).join(' ')}`);
  }
  const env = { ...(profile.env ?? {}), ...(spec.env ?? {}) };
  if (Object.keys(env).length) {
    lines.push('', ...Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`));
  }

  lines.push('', `export WL_JOB_ID="${d.jobId}"`);
  let argv = commandArgv(spec.command);
  const passEnv = [...Object.keys(env), 'WL_JOB_ID'];
  if (spec.array !== undefined) {
    const a = parseArray(spec.array);
    lines.push(`export WL_ARRAY_INDEX="${d.arrayIndex}"`);
    passEnv.push('WL_ARRAY_INDEX');
    if (a.contiguous) {
      lines.push(`export WL_SHARD="$((WL_ARRAY_INDEX - ${a.min}))/${a.count}"`);
      passEnv.push('WL_SHARD');
      argv = withShard(argv);
    }
  }
  lines.push(...distributedEnvLines(spec, profile));

  const launcher = usesLauncher(spec, profile);
  if (!launcher) lines.push('export RANK=0 LOCAL_RANK=0');
  const gpus = (parseGpus(spec.gpusPerNode)?.count ?? 0) > 0;
  const words = [
    ...(launcher ? [...launcherWords(spec, profile), ...rankWrapper(profile.scheduler)] : []),
    ...(spec.container ? containerPrefix(spec.container, { runtime: profile.containerRuntime, gpus, passEnv }) : []),
  ];
  const launch = [...words, renderArgv(argv)].join(' ');

  lines.push('');
  if (!signal) {
    lines.push(launch);
    return lines;
  }
  const wall = parseWalltime(spec.walltime)!;
  const timer = d.watchdog === true;
  if (timer) lines.push(...watchdogLines(Math.max(1, wall - (spec.signalBeforeTimeout as number))));
  lines.push(...runLines(launch, spec.requeue ? d.requeue : [], timer));
  return lines;
}
