import { DEFAULT_RETRY_OPTIONS } from '../core/types.js';
import type { RetryOptions } from '../core/types.js';
import { withRetry } from '../core/retry.js';
import { WandbApi, wandbConfigString } from './api.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunFiles, putFile } from './files.js';
import { WandbStore } from './store.js';

/** Options of {@link syncWandbRun}. */
export interface WandbSyncOptions {
  /** API key (the app reads `WANDB_API_KEY`). */
  apiKey: string;
  /** Overrides the base URL stored in the run folder. */
  baseUrl?: string;
  retry?: Partial<RetryOptions>;
}

/** What a sync delivered. */
export interface WandbSyncResult {
  runId: string;
  entity: string;
  project: string;
  /** History lines sent now (lines already acknowledged are skipped). */
  historySent: number;
  /** True when the run was marked finished on the server. */
  completed: boolean;
}

/**
 * Uploads the W&B run kept under `RUN_DIR/wandb` or `$WANDB_DIR/wandb/run-<id>` (offline run, or
 * what a failing live upload left behind): upserts the run with its config, streams the
 * unacknowledged history at its offsets, uploads pending run files (artifacts),
 * sends the summary and — if the run had finished — `complete` with its exit code. Progress is
 * saved after every batch, so an interrupted sync resumes without duplicates.
 */
export async function syncWandbRun(runDir: string, options: WandbSyncOptions): Promise<WandbSyncResult> {
  if (!options.apiKey) throw new Error('wandb sync: no API key (set WANDB_API_KEY)');
  const retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
  const store = new WandbStore(runDir);
  const meta = store.readMeta();
  const state = store.readState();
  const api = new WandbApi(options.baseUrl ?? meta.baseUrl, options.apiKey, retry);
  const up = await api.upsertBucket(meta, { entity: state.entity, config: wandbConfigString(store.readConfig()) });
  const base = state.offsetBase ?? up.historyLineCount;
  store.writeState({ entity: up.entity, offsetBase: base });
  const lines = store.readHistory();
  let acked = Math.min(state.historyAcked, lines.length);
  const first = acked;
  while (acked < lines.length) {
    const batch = lines.slice(acked, acked + retry.batchSize);
    await withRetry(() => api.sendHistory(up.entity, meta.project, meta.runId, base + acked, batch), retry);
    acked += batch.length;
    store.writeState({ historyAcked: acked });
  }
  const pending = store.readState().pendingFiles;
  if (pending.length) {
    const uploads = await createRunFiles(api.base, api.headers(), retry, { entity: up.entity, project: meta.project, runId: meta.runId }, pending);
    for (const u of uploads) { await putFile(u, new Uint8Array(readFileSync(join(store.dir, u.name))), retry); store.markFileUploaded(u.name); }
  }
  const summary = store.readSummary();
  if (Object.keys(summary).length) await api.sendSummary(up.entity, meta.project, meta.runId, summary);
  let completed = state.completed;
  if (state.exitcode !== null && !completed) {
    await api.complete(up.entity, meta.project, meta.runId, state.exitcode);
    store.writeState({ completed: true });
    completed = true;
  }
  return { runId: meta.runId, entity: up.entity, project: meta.project, historySent: acked - first, completed };
}
