/**
 * Test helper: a throwaway Ceph radosgw (scripts/s3/start.sh) for the S3 tests. `s3Missing()`
 * gives the skip message when the Debian binaries are absent.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scripts = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'scripts', 's3');

/** Why S3 tests must skip, or false when radosgw, ceph-mon and ceph-osd are installed. */
export function s3Missing(): string | false {
  for (const bin of ['radosgw', 'ceph-mon', 'ceph-osd', 'radosgw-admin', 'monmaptool']) {
    try { execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }); } catch {
      return `needs Ceph radosgw for a real S3 server (${bin} missing): apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd`;
    }
  }
  return false;
}

/** A running server. */
export interface S3Server {
  dir: string;
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Stops radosgw only (mon/OSD keep the data). */
  stopGateway(): Promise<void>;
  /** Starts radosgw again on the same port. */
  startGateway(): Promise<void>;
  /** Stops everything and removes the folder. */
  stop(): Promise<void>;
}

function parse(out: string): Record<string, string> {
  return Object.fromEntries(out.split('\n').filter((l) => /^S3_[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** Starts the cluster in a fresh temp folder (bounded: 120 s), cleaning up when the start fails. */
export async function startS3Server(): Promise<S3Server> {
  const made = mkdtempSync(join(tmpdir(), 'wl-ceph-test-'));
  let vars: Record<string, string>;
  try {
    vars = parse((await run(join(scripts, 'start.sh'), [made], { timeout: 120_000 })).stdout);
  } catch (e) {
    await run(join(scripts, 'stop.sh'), [made], { timeout: 30_000 }).catch(() => undefined);
    rmSync(made, { recursive: true, force: true });
    throw new Error(`could not start the S3 server: ${(e as Error).message}`);
  }
  const dir = vars.S3_DIR;
  return {
    dir, endpoint: vars.S3_ENDPOINT, accessKeyId: vars.S3_ACCESS_KEY, secretAccessKey: vars.S3_SECRET_KEY,
    stopGateway: async () => { await run(join(scripts, 'stop.sh'), ['--keep', dir], { timeout: 30_000 }); },
    startGateway: async () => { await run(join(scripts, 'start.sh'), [dir], { timeout: 60_000 }); },
    stop: async () => { await run(join(scripts, 'stop.sh'), [dir], { timeout: 30_000 }); },
  };
}
