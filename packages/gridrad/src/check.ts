// Port of dariodematties/gridrad/dataset/utils.py:check_and_remove_tensor_files_parallel
/**
 * Step 4 (`weatherlearn gridrad check`): load every tensor file under a folder (recursive, in
 * parallel) and remove or quarantine the ones that fail (the original's
 * `check_and_remove_tensor_files_parallel`), with a log and a dry-run mode.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { discoverInputs } from './discover.js';
import { WorkerPool, mapLimit } from './pool.js';
import { ProgressTracker, type ProgressCallback } from './progress.js';
import type { LoadCheck } from './load-check.js';

/** Options of {@link checkAndRemoveTensorFilesParallel}. */
export interface CheckOptions {
  /** Folder searched recursively. */
  root: string;
  /** Log file (rewritten atomically): one `path<TAB>reason` line per bad file. */
  log?: string;
  /** `remove` deletes bad files; `quarantine` moves them under `quarantineDir`, keeping relative paths. */
  action: 'remove' | 'quarantine';
  /** Default `<root>.quarantine` (beside the root, so it is not scanned again). */
  quarantineDir?: string;
  /** Only list the bad files; change nothing. */
  dryRun: boolean;
  /** File endings to check (default `.pt`). */
  extensions: string[];
  /** Also fail files holding NaN or ±Inf. */
  requireFinite: boolean;
  workers: number;
  onProgress?: ProgressCallback;
  progressIntervalMs: number;
}

/** Defaults: quarantine (non-destructive), `.pt` files, 1 worker. */
export const DEFAULT_CHECK_OPTIONS: Omit<CheckOptions, 'root'> = {
  action: 'quarantine', dryRun: false, extensions: ['.pt'], requireFinite: false, workers: 1, progressIntervalMs: 1000,
};

/** What a sweep found and did. */
export interface CheckSummary {
  checked: number;
  bad: { path: string; reason: string; movedTo?: string }[];
  seconds: number;
}

/**
 * Checks every tensor file under `root`. Bad files are logged and — unless `dryRun` — removed or
 * moved to the quarantine folder. Files are checked in worker threads.
 * @throws Error when the root cannot be listed
 */
export async function checkAndRemoveTensorFilesParallel(options: Partial<CheckOptions> & Pick<CheckOptions, 'root'>): Promise<CheckSummary> {
  const o = { ...DEFAULT_CHECK_OPTIONS, ...options };
  if (o.action !== 'remove' && o.action !== 'quarantine') throw new Error(`action must be remove or quarantine, got '${o.action}'`);
  const t0 = Date.now();
  const root = resolve(o.root);
  const qdir = resolve(o.quarantineDir ?? `${root}.quarantine`);
  const insideQ = (p: string): boolean => p === qdir || p.startsWith(qdir + sep);
  const files = (await discoverInputs(root, o.extensions, insideQ)).filter((f) => !insideQ(f.path));
  const progress = new ProgressTracker('check', files.length, o.onProgress, o.progressIntervalMs);
  const results: LoadCheck[] = [];
  const pool = new WorkerPool(Math.min(o.workers, files.length));
  try {
    await mapLimit(files, Math.max(1, o.workers), async (f) => {
      try { return await pool.run({ type: 'check', path: f.path, requireFinite: o.requireFinite }); } catch (e) {
        return { path: f.path, ok: false, reason: (e as Error).message, tensors: 0 } satisfies LoadCheck;
      }
    }, (r) => { results.push(r); progress.add(r.ok ? 'done' : 'failed'); });
  } finally { await pool.close(); }
  progress.finish();
  const bad: CheckSummary['bad'] = results.filter((r) => !r.ok).sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((r) => ({ path: r.path, reason: (r.reason ?? 'unknown').replace(/\s+/g, ' ') }));
  if (!o.dryRun) {
    for (const b of bad) {
      if (o.action === 'remove') await rm(b.path, { force: true });
      else {
        const to = join(qdir, relative(root, b.path));
        await mkdir(dirname(to), { recursive: true });
        await rename(b.path, to);
        b.movedTo = to;
      }
    }
  }
  if (o.log) await writeFileAtomic(o.log, bad.map((b) => `${b.path}\t${b.reason}\n`).join(''));
  return { checked: files.length, bad, seconds: (Date.now() - t0) / 1000 };
}
