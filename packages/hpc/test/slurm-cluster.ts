// Test helper: a throwaway single-node SLURM cluster (scripts/slurm/start.sh / stop.sh), with
// bounded waits on job states. Not a test file itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const startScript = resolve(repoRoot, 'scripts', 'slurm', 'start.sh');
const stopScript = resolve(repoRoot, 'scripts', 'slurm', 'stop.sh');
const PATH = [process.env.PATH ?? '', '/usr/sbin', '/sbin'].join(delimiter);

function onPath(bin: string): boolean {
  return PATH.split(delimiter).some((d) => d && existsSync(resolve(d, bin)));
}

/** Why the real-SLURM tests cannot run here, or false when they can (for `test(…, { skip })`). */
export function slurmSkipReason(): string | false {
  if (process.platform !== 'linux') return 'real-SLURM tests need Linux';
  const missing = ['sbatch', 'scontrol', 'slurmctld', 'slurmd', 'munged'].filter((b) => !onPath(b));
  if (missing.length) {
    return `needs SLURM (missing ${missing.join(', ')}): apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge slurm-wlm-torque`;
  }
  if (process.getuid?.() !== 0) return 'real-SLURM tests need root (slurmd starts jobs as their user)';
  return false;
}

/** A started cluster. */
export interface Cluster {
  /** Its config/state folder. */
  dir: string;
  /** Environment for sbatch/scontrol/qsub (SLURM_CONF set). */
  env: Record<string, string>;
  /** Runs a SLURM client and returns stdout (throws with stderr on failure). */
  run(bin: string, args: string[], cwd?: string): string;
  /** `scontrol show job` fields of one job (or array task `A_i`), `{}` once purged. */
  job(id: string): Record<string, string>;
  /** Waits until every listed job is in one of `states` (bounded), returns their fields. */
  waitFor(ids: string[], states: string[], timeoutMs: number): Promise<Record<string, string>[]>;
  /** Stops everything (idempotent); keeps the folder when `keep` (to read logs). */
  stop(keep?: boolean): void;
}

/** Starts a cluster with `gpus` fake GPUs and `cpus` CPUs; stops it when the process exits. */
export function startCluster(opts: { cpus?: number; gpus?: number } = {}): Cluster {
  const out = execFileSync('bash', [startScript, '--cpus', String(opts.cpus ?? 4), '--gpus', String(opts.gpus ?? 2)], {
    env: { ...process.env, PATH }, timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  const vars = Object.fromEntries([...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]));
  const dir = vars.WL_SLURM_DIR;
  if (!dir || !vars.SLURM_CONF) throw new Error(`start.sh printed no SLURM_CONF:\n${out}`);
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PATH, SLURM_CONF: vars.SLURM_CONF };
  let stopped = false;
  const stop = (keep = false) => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    spawnSync('bash', [stopScript, ...(keep ? ['--keep'] : []), dir], { env, timeout: 60_000, stdio: 'ignore' });
  };
  const onExit = () => stop();
  process.on('exit', onExit);
  const run = (bin: string, args: string[], cwd?: string) => {
    const r = spawnSync(bin, args, { env, cwd, timeout: 30_000, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout || r.error?.message}`);
    return r.stdout;
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
  return { dir, env, run, job, waitFor, stop };
}
