import { distributedEnvFrom, formatBindAddress } from '@weatherlearn/distributed';
import { bindAddressFromEnv, type DistributedSettings } from '../runs/distributed.js';

/** What `weatherlearn env` says about data-parallel networking: the rank, MASTER_ADDR and the address Gloo would bind. */
export interface NetworkReport {
  rank: number;
  worldSize: number;
  master: string;
  /** The address this rank binds, e.g. `10.77.0.2 on eth0 (route to MASTER_ADDR 10.77.0.1)`, or why none fits. */
  bind: string;
  ok: boolean;
}

/** Never throws: a bad setting is reported in `bind` with `ok: false`. */
export async function networkReport(env: Record<string, string | undefined>, settings: DistributedSettings): Promise<NetworkReport> {
  try {
    const d = distributedEnvFrom(env);
    const r = { rank: d.rank, worldSize: d.worldSize, master: `${d.masterAddr}:${d.masterPort}` };
    try {
      return { ...r, bind: formatBindAddress(await bindAddressFromEnv(env, settings)), ok: true };
    } catch (e) {
      return { ...r, bind: (e as Error).message, ok: false };
    }
  } catch (e) {
    return { rank: 0, worldSize: 1, master: '', bind: (e as Error).message, ok: false };
  }
}

/** The `env` text line: `network   rank 1/2, MASTER_ADDR 10.77.0.1:29555, Gloo binds 10.77.0.2 on eth0 (…)`. */
export function formatNetworkReport(n: NetworkReport): string {
  return `network   rank ${n.rank}/${n.worldSize}, MASTER_ADDR ${n.master || '-'}, Gloo ${n.ok ? `binds ${n.bind}` : `cannot bind: ${n.bind}`}`;
}
