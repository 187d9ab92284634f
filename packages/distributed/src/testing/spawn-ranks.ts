import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

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
export interface RankResult { code: number | null; lines: Record<string, unknown>[]; stderr: string; ms: number }

/** Runs `rank-script.ts scenario` as `n` ranks on loopback and collects their JSON lines. */
export async function spawnRanks(n: number, scenario: string, env: Record<string, string> = {}): Promise<RankResult[]> {
  const port = await freePort();
  const script = fileURLToPath(new URL('./rank-script.ts', import.meta.url));
  const t0 = Date.now();
  return Promise.all(Array.from({ length: n }, (_, rank) => new Promise<RankResult>((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script, scenario], {
      env: { ...process.env, RANK: String(rank), WORLD_SIZE: String(n), LOCAL_RANK: String(rank), MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => resolve({
      code, stderr: err, ms: Date.now() - t0,
      lines: out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    }));
  })));
}
