/** Test helpers: hash every file under a folder; write small generated inputs. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeGoesLikeFile } from '@weatherlearn/testkit';

/** `relative path → sha256` of every file under `dir` (sorted), optionally filtered. */
export function hashTree(dir: string, keep: (rel: string) => boolean = () => true): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const rel = relative(dir, p);
        if (keep(rel)) out[rel] = createHash('sha256').update(readFileSync(p)).digest('hex');
      }
    }
  };
  walk(dir);
  return out;
}

/** Writes `n` small GOES-like files under `dir` (in two sub-folders), no random fill. */
export async function writeSmallGoesTree(dir: string, n: number, size = { height: 40, width: 48 }): Promise<void> {
  for (let i = 0; i < n; i++) {
    await writeGoesLikeFile(join(dir, `day${i % 2}`, `g${String(i).padStart(2, '0')}.nc`), { ...size, seed: i, fillFraction: 0, offDiskCorner: false, cells: 3 });
  }
}
