/** Cleanup of temp files left by `writeFileAtomic` when a run was killed (`.name.<pid>.<hex>.tmp`). */
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { atomicTempTarget } from '@weatherlearn/fs-atomic';

/**
 * Removes stale atomic-write temp files of the given target paths (for example the outputs this
 * shard owns), leaving other writers' temp files alone. Returns the removed paths.
 */
export async function removeStaleTempFiles(targets: Iterable<string>): Promise<string[]> {
  const byDir = new Map<string, Set<string>>();
  for (const t of targets) {
    const d = dirname(t);
    if (!byDir.has(d)) byDir.set(d, new Set());
    byDir.get(d)!.add(basename(t));
  }
  const removed: string[] = [];
  for (const [dir, names] of byDir) {
    let entries: string[];
    try { entries = await readdir(dir); } catch { continue; }
    for (const e of entries) {
      const target = atomicTempTarget(e);
      if (target !== undefined && names.has(target)) {
        await rm(join(dir, e), { force: true });
        removed.push(join(dir, e));
      }
    }
  }
  return removed;
}
