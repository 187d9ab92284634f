import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { NetHosts } from './netns.js';

/** A free TCP port on loopback (for a TCPStore in tests). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** What a rank printed and how it ended. */
export interface RankResult { code: number | null; lines: Record<string, unknown>[]; stderr: string; ms: number; host: number }

/** Where ranks run: `ranksPerHost[h]` ranks on host `h` of `hosts` (rank numbers host by host). */
export interface RankPlacement { hosts: NetHosts; ranksPerHost: number[] }

const SCRIPT = fileURLToPath(new URL('./rank-script.ts', import.meta.url));

function collect(child: ChildProcess, host: number, t0: number, onLine?: (l: Record<string, unknown>) => void): Promise<RankResult> {
  return new Promise((resolve) => {
    let out = '', err = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (onLine) for (const l of String(d).split('\n')) if (l.startsWith('{')) onLine(JSON.parse(l) as Record<string, unknown>);
    });
    child.stderr!.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({
      code, stderr: err, ms: Date.now() - t0, host,
      lines: out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    }));
  });
}

/**
 * Runs `rank-script.ts scenario` as `n` ranks and collects their JSON lines: on loopback, or, with
 * `placement`, on network hosts (MASTER_ADDR = host 0's address on network 0, port 29555).
 * `onLine` sees every JSON line as it arrives (tests act mid-run, e.g. take a link down).
 */
export async function spawnRanks(
  n: number, scenario: string, env: Record<string, string> = {}, placement?: RankPlacement, onLine?: (l: Record<string, unknown>) => void,
): Promise<RankResult[]> {
  const port = placement ? 29555 : await freePort();
  const hostOf = placement ? placement.ranksPerHost.flatMap((k, h) => Array<number>(k).fill(h)) : Array<number>(n).fill(0);
  if (hostOf.length !== n) throw new Error(`placement has ${hostOf.length} ranks for world size ${n}`);
  const t0 = Date.now();
  return Promise.all(hostOf.map((host, rank) => {
    const local = hostOf.slice(0, rank).filter((h) => h === host).length;
    const args = ['--conditions=source', '--import', 'tsx', SCRIPT, scenario];
    const opts = {
      env: {
        ...process.env, RANK: String(rank), WORLD_SIZE: String(n), LOCAL_RANK: String(local),
        MASTER_ADDR: placement ? placement.hosts.addresses[0]![0]! : '127.0.0.1', MASTER_PORT: String(port), ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    };
    const child = placement ? placement.hosts.spawn(host, process.execPath, args, opts) : spawn(process.execPath, args, opts);
    return collect(child, host, t0, onLine);
  }));
}
