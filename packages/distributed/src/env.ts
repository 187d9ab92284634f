/** The rendezvous a launcher describes: `RANK`, `WORLD_SIZE`, `LOCAL_RANK`, `MASTER_ADDR`, `MASTER_PORT`. */
export interface DistributedEnv {
  rank: number;
  worldSize: number;
  localRank: number;
  masterAddr: string;
  masterPort: number;
}

/** Defaults when variables are absent: one process, rendezvous on loopback port 29500 (PyTorch's). */
export const DEFAULT_DISTRIBUTED_ENV: DistributedEnv = { rank: 0, worldSize: 1, localRank: 0, masterAddr: '127.0.0.1', masterPort: 29500 };

function int(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) throw new Error(`environment variable ${name}="${raw}" must be an integer ≥ ${min}`);
  return Number(raw);
}

/**
 * Reads the torch.distributed variables from an environment object (the app passes `process.env`;
 * packages never read it). Falls back to SLURM's (`SLURM_PROCID`, `SLURM_STEP_NUM_TASKS`, `SLURM_LOCALID`: set by `srun` for each task)
 * when `RANK`/`WORLD_SIZE` are unset. Errors name the variable.
 */
export function distributedEnvFrom(env: Record<string, string | undefined>): DistributedEnv {
  const d = DEFAULT_DISTRIBUTED_ENV;
  const worldSize = int(env, env.WORLD_SIZE ? 'WORLD_SIZE' : 'SLURM_STEP_NUM_TASKS', d.worldSize, 1);
  const rank = int(env, env.RANK ? 'RANK' : 'SLURM_PROCID', d.rank, 0);
  const localRank = int(env, env.LOCAL_RANK ? 'LOCAL_RANK' : 'SLURM_LOCALID', d.localRank, 0);
  const masterPort = int(env, 'MASTER_PORT', d.masterPort, 1);
  if (masterPort > 65535) throw new Error(`environment variable MASTER_PORT="${env.MASTER_PORT}" must be a TCP port (1–65535)`);
  if (rank >= worldSize) throw new Error(`RANK ${rank} must be smaller than WORLD_SIZE ${worldSize}`);
  return { rank, worldSize, localRank, masterAddr: env.MASTER_ADDR || d.masterAddr, masterPort };
}
