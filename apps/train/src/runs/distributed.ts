import { chooseBindAddress, distributedEnvFrom, formatBindAddress, ProcessGroup, type BindAddress } from '@weatherlearn/distributed';
import type { AppConfig } from '../config/schema.js';

/** Settings of the data-parallel job (the `distributed.*` config keys). */
export type DistributedSettings = AppConfig['distributed'];

function checkSettings(s: DistributedSettings): void {
  if (!(s.timeout > 0)) throw new Error(`config key "distributed.timeout" must be a positive number of seconds, got ${s.timeout}`);
  if (!(s.rendezvousTimeout >= 0)) throw new Error(`config key "distributed.rendezvousTimeout" must be ≥ 0 seconds (0 = distributed.timeout), got ${s.rendezvousTimeout}`);
  if (s.store !== 'tcp' && !/^file:.+/.test(s.store)) throw new Error(`config key "distributed.store" must be "tcp" or "file:/path/on/a/shared/filesystem", got "${s.store}"`);
}

/**
 * The address this rank's Gloo device binds (see `chooseBindAddress`): `distributed.address`, else
 * `distributed.interface`, else `GLOO_SOCKET_IFNAME` from `env`, else the interface routing to
 * MASTER_ADDR. A FileStore rendezvous without MASTER_ADDR has no master to route to.
 */
export function bindAddressFromEnv(env: Record<string, string | undefined>, settings: DistributedSettings): Promise<BindAddress> {
  const d = distributedEnvFrom(env);
  const file = settings.store.startsWith('file:');
  return chooseBindAddress({
    masterAddr: file && !env.MASTER_ADDR ? '' : d.masterAddr,
    address: settings.address, interface: settings.interface, socketIfname: env.GLOO_SOCKET_IFNAME,
  });
}

/**
 * Joins the data-parallel job the environment describes (`RANK`, `WORLD_SIZE`, `LOCAL_RANK`,
 * `MASTER_ADDR`, `MASTER_PORT` — set by `weatherlearn launch`, the hpc package's launch lines, or
 * `srun` through `SLURM_PROCID`/`SLURM_STEP_NUM_TASKS`): a Gloo process group on a TCPStore served
 * by rank 0, or on a FileStore when `distributed.store` is `file:/shared/path`. Returns undefined
 * for a single process. Timeouts: `distributed.timeout` (collectives) and
 * `distributed.rendezvousTimeout` (start-up; 0 = the same). The first line it logs names the address
 * this rank binds ({@link bindAddressFromEnv}); a loopback one while MASTER_ADDR is not fails here.
 */
export async function collectiveFromEnv(
  env: Record<string, string | undefined>, settings: DistributedSettings, err: (line: string) => void,
): Promise<ProcessGroup | undefined> {
  const d = distributedEnvFrom(env);
  if (d.worldSize === 1) return undefined;
  checkSettings(settings);
  const timeoutS = settings.timeout;
  const rendezvousS = settings.rendezvousTimeout || timeoutS;
  const store = settings.store;
  const where = store.startsWith('file:') ? store : `tcp://${d.masterAddr}:${d.masterPort}`;
  const bind = await bindAddressFromEnv(env, settings).catch((e: Error) => {
    throw new Error(`distributed: rank ${d.rank}/${d.worldSize}: ${e.message}`);
  });
  err(`distributed: rank ${d.rank}/${d.worldSize} (local ${d.localRank}) joining ${where} (gloo, timeout ${timeoutS} s), binds ${formatBindAddress(bind)}`);
  const pg = await ProcessGroup.connect({
    rank: d.rank, worldSize: d.worldSize, masterAddr: d.masterAddr, masterPort: d.masterPort,
    store: store.startsWith('file:') ? 'file' : 'tcp', filePath: store.startsWith('file:') ? store.slice(5) : '',
    timeoutMs: timeoutS * 1000, rendezvousTimeoutMs: rendezvousS * 1000, device: bind.address,
  });
  return pg;
}
