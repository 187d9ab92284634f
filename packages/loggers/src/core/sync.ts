import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RetryOptions } from './types.js';

/** Credentials and overrides for {@link syncRunDir}; the app fills them from the environment. */
export interface SyncOptions {
  wandb?: { apiKey?: string; baseUrl?: string };
  neptune?: { apiToken?: string; project?: string };
  retry?: Partial<RetryOptions>;
}

/** Outcome per service. */
export interface SyncResult { service: 'wandb' | 'neptune'; ok: boolean; detail: string }

/**
 * Uploads whatever `RUN_DIR` holds for W&B (`RUN_DIR/wandb`) and Neptune (`RUN_DIR/neptune`):
 * offline runs and data a failing service left behind. Safe to repeat: delivered data is skipped.
 * A service's failure is reported in its result, not thrown; a folder with neither throws.
 */
export async function syncRunDir(runDir: string, options: SyncOptions = {}): Promise<SyncResult[]> {
  const hasW = existsSync(join(runDir, 'wandb', 'meta.json')) || existsSync(join(runDir, 'meta.json')); // RUN_DIR or $WANDB_DIR/wandb/run-<id>
  const hasN = existsSync(join(runDir, 'neptune', 'meta.json'));
  if (!hasW && !hasN) throw new Error(`${runDir}: nothing to sync (no wandb/meta.json or neptune/meta.json)`);
  const results: SyncResult[] = [];
  if (hasW) {
    const key = options.wandb?.apiKey;
    if (!key) results.push({ service: 'wandb', ok: false, detail: 'no API key (set WANDB_API_KEY)' });
    else {
      try {
        const { syncWandbRun } = await import('../wandb/sync.js');
        const r = await syncWandbRun(runDir, { apiKey: key, baseUrl: options.wandb?.baseUrl, retry: options.retry });
        results.push({ service: 'wandb', ok: true, detail: `run ${r.entity}/${r.project}/${r.runId}: ${r.historySent} history lines sent${r.completed ? ', finished' : ''}` });
      } catch (err) { results.push({ service: 'wandb', ok: false, detail: (err as Error).message }); }
    }
  }
  if (hasN) {
    const token = options.neptune?.apiToken;
    if (!token) results.push({ service: 'neptune', ok: false, detail: 'no API token (set NEPTUNE_API_TOKEN)' });
    else {
      try {
        const { syncNeptuneRun } = await import('../neptune/sync.js');
        const r = await syncNeptuneRun(runDir, { apiToken: token, project: options.neptune?.project, retry: options.retry });
        results.push({ service: 'neptune', ok: true, detail: `run ${r.runId}: ${r.sent} operations sent` });
      } catch (err) { results.push({ service: 'neptune', ok: false, detail: (err as Error).message }); }
    }
  }
  return results;
}
