import { distributedEnvFrom, ProcessGroup } from '@weatherlearn/distributed';

/** Seconds a collective may wait before a silent rank becomes an error (`WL_DIST_TIMEOUT`). */
export const DEFAULT_DIST_TIMEOUT_S = 300;

/** Reads a positive number of seconds from the environment, naming the variable when it is bad. */
function seconds(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`environment variable ${name}="${raw}" must be a positive number of seconds`);
  return v;
}

/**
 * Joins the data-parallel job the environment describes (`RANK`, `WORLD_SIZE`, `LOCAL_RANK`,
 * `MASTER_ADDR`, `MASTER_PORT` — set by `weatherlearn launch`, the hpc package's launch lines, or
 * `srun` through `SLURM_PROCID`/`SLURM_STEP_NUM_TASKS`): a Gloo process group on a TCPStore served
 * by rank 0, or on a FileStore when `WL_DIST_STORE=file:/shared/path`. Returns undefined
 * for a single process. Timeouts: `WL_DIST_TIMEOUT` (collectives, default 300 s) and
 * `WL_DIST_RENDEZVOUS_TIMEOUT` (start-up, default the same).
 */
export async function collectiveFromEnv(env: Record<string, string | undefined>, err: (line: string) => void): Promise<ProcessGroup | undefined> {
  const d = distributedEnvFrom(env);
  if (d.worldSize === 1) return undefined;
  const timeoutS = seconds(env, 'WL_DIST_TIMEOUT', DEFAULT_DIST_TIMEOUT_S);
  const rendezvousS = seconds(env, 'WL_DIST_RENDEZVOUS_TIMEOUT', timeoutS);
  const store = env.WL_DIST_STORE ?? '';
  if (store && !store.startsWith('file:') && store !== 'tcp') throw new Error(`WL_DIST_STORE="${store}" must be "tcp" or "file:/path/on/a/shared/filesystem"`);
  const where = store.startsWith('file:') ? store : `tcp://${d.masterAddr}:${d.masterPort}`;
  err(`distributed: rank ${d.rank}/${d.worldSize} (local ${d.localRank}) joining ${where} (gloo, timeout ${timeoutS} s)`);
  const pg = await ProcessGroup.connect({
    rank: d.rank, worldSize: d.worldSize, masterAddr: d.masterAddr, masterPort: d.masterPort,
    store: store.startsWith('file:') ? 'file' : 'tcp', filePath: store.startsWith('file:') ? store.slice(5) : '',
    timeoutMs: timeoutS * 1000, rendezvousTimeoutMs: rendezvousS * 1000,
  });
  return pg;
}
