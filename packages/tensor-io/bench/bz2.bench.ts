/**
 * bzip2 throughput (MB/s of uncompressed data) of our decoder and encoder, with the system
 * `bzip2` binary measured on the same data for comparison when it is installed. Data: the real
 * FITACF fixture from ../shared when present, else synthetic DMAP-like bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bunzip2Sync, bzip2Sync } from '../src/bz2/index.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'fixtures', 'superdarn');

function data(): Uint8Array {
  const f = join(shared, 'wl_20140101.0401.00.fhw.fitacf.bz2');
  if (existsSync(f)) return bunzip2Sync(new Uint8Array(readFileSync(f)));
  const out = new Uint8Array(4_000_000);
  let s = 1;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = i % 1500 < 900 ? (i * 7) & 0x3f : s >>> 28;
  }
  return out;
}

function time(fn: () => void, reps: number): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best / 1000;
}

export default async function (): Promise<{ name: string; value: number; unit: string }[]> {
  const raw = data();
  const mb = raw.length / 1e6;
  const comp = bzip2Sync(raw, { level: 9 });
  const rows = [
    { name: 'bz2 decompress (ours)', value: Math.round(mb / time(() => bunzip2Sync(comp), 5)), unit: 'MB/s' },
    { name: 'bz2 compress -9 (ours)', value: Math.round(mb / time(() => bzip2Sync(raw), 2) * 10) / 10, unit: 'MB/s' },
  ];
  if (spawnSync('bzip2', ['--help']).status === 0) {
    rows.push({ name: 'bz2 decompress (bzip2 binary, incl. process start)', value: Math.round(mb / time(() => spawnSync('bzip2', ['-dc'], { input: comp, maxBuffer: 1 << 28 }), 5)), unit: 'MB/s' });
    rows.push({ name: 'bz2 compress -9 (bzip2 binary)', value: Math.round(mb / time(() => spawnSync('bzip2', ['-c9'], { input: raw, maxBuffer: 1 << 28 }), 2) * 10) / 10, unit: 'MB/s' });
  }
  return rows;
}
