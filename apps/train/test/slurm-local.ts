// Test helper (not a test file): a throwaway single-node SLURM cluster from scripts/slurm/start.sh,
// stopped by scripts/slurm/stop.sh, with bounded waits on job states. The minimum of
// packages/hpc/test/slurm-cluster.ts, kept here because importing another package's test folder
// puts files outside this app's tsconfig rootDir.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const PATH = [process.env.PATH ?? '', '/usr/sbin', '/sbin'].join(delimiter);

/** Why a real-SLURM test cannot run here, or false when it can. */
export function slurmSkipReason(): string | false {
  if (process.platform !== 'linux') return 'real-SLURM tests need Linux';
  const onPath = (bin: string) => PATH.split(delimiter).some((d) => d && existsSync(join(d, bin)));
  const missing = ['sbatch', 'scontrol', 'slurmctld', 'slurmd', 'munged', 'mungekey'].filter((b) => !onPath(b));
  if (missing.length) {
    return `needs SLURM (missing ${missing.join(', ')}): apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge`;
  }
  if (process.getuid?.() !== 0) return 'real-SLURM tests need root (slurmd starts jobs as their user)';
  return false;
}

/** A started cluster. */
export interface LocalCluster {
  /** Submits a batch script from `cwd`; returns the job id. */
  sbatch(script: string, cwd: string): string;
  /** `scontrol show job` fields of a job or array task (`A_i`); `{}` when unknown. */
  job(id: string): Record<string, string>;
  /** Waits (bounded) until every job is in one of `states`; returns their fields. */
  waitFor(ids: string[], states: string[], timeoutMs: number): Promise<Record<string, string>[]>;
  /** Cancels jobs and stops the daemons by PID (idempotent). */
  stop(): void;
}

/** Starts a cluster with `cpus` CPUs and no GPUs; it is also stopped when the process exits. */
export function startLocalCluster(repoRoot: string, cpus = 4): LocalCluster {
  const out = execFileSync('bash', [join(repoRoot, 'scripts', 'slurm', 'start.sh'), '--cpus', String(cpus), '--gpus', '0'], {
    env: { ...process.env, PATH }, timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  const vars = Object.fromEntries([...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]));
  const dir = vars.WL_SLURM_DIR;
  if (!dir || !vars.SLURM_CONF) throw new Error(`scripts/slurm/start.sh printed no SLURM_CONF:\n${out}`);
  const env = { ...process.env, PATH, SLURM_CONF: vars.SLURM_CONF };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    spawnSync('bash', [join(repoRoot, 'scripts', 'slurm', 'stop.sh'), dir], { env, timeout: 60_000, stdio: 'ignore' });
  };
  process.on('exit', stop);
  const sbatch = (script: string, cwd: string) => {
    const r = spawnSync('sbatch', ['--parsable', script], { env, cwd, timeout: 30_000, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sbatch ${script} failed (${r.status ?? r.signal}): ${r.stderr || r.error?.message}`);
    return r.stdout.trim().split(';')[0]!;
  };
  const job = (id: string) => {
    const r = spawnSync('scontrol', ['show', 'job', '--oneliner', id], { env, timeout: 30_000, encoding: 'utf8' });
    if (r.status !== 0) return {};
    return Object.fromEntries([...r.stdout.matchAll(/(\w[\w/:]*)=(\S*)/g)].map((m) => [m[1]!, m[2]!]));
  };
  const waitFor = async (ids: string[], states: string[], timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const infos = ids.map(job);
      if (infos.every((i) => states.includes(i.JobState ?? ''))) return infos;
      if (Date.now() > end) {
        throw new Error(`jobs ${ids.join(',')} not ${states.join('/')} after ${timeoutMs} ms: ${infos.map((i) => `${i.JobId}=${i.JobState}(${i.Reason})`).join(' ')}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  return { sbatch, job, waitFor, stop };
}
