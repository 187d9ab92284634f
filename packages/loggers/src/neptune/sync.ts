import { DEFAULT_RETRY_OPTIONS } from '../core/types.js';
import type { RetryOptions } from '../core/types.js';
import { withRetry } from '../core/retry.js';
import { NeptuneApi } from './api.js';
import { NeptuneStore } from './store.js';

/** Options of {@link syncNeptuneRun}. */
export interface NeptuneSyncOptions {
  /** API token (the app reads `NEPTUNE_API_TOKEN`). */
  apiToken: string;
  /** `workspace/project`; defaults to the one stored with the run. */
  project?: string;
  retry?: Partial<RetryOptions>;
}

/**
 * Uploads the Neptune run kept under `RUN_DIR/neptune` to a self-hosted server: creates/reaches the
 * run by its custom id and sends every operation not yet acknowledged, saving progress per batch.
 */
export async function syncNeptuneRun(runDir: string, options: NeptuneSyncOptions): Promise<{ runId: string; sent: number }> {
  const retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
  const store = new NeptuneStore(runDir);
  const meta = store.readMeta();
  const project = options.project ?? meta.project;
  if (!project) throw new Error(`neptune sync ${runDir}: no project (pass one; none was stored with the run)`);
  const api = new NeptuneApi(options.apiToken, retry);
  const state = store.readState();
  const uuid = state.runUuid ?? (await api.createRun(project, meta.runId)).id;
  store.writeState({ runUuid: uuid });
  const ops = store.readOps();
  let acked = Math.min(state.acked, ops.length);
  const first = acked;
  while (acked < ops.length) {
    const batch = ops.slice(acked, acked + retry.batchSize);
    await withRetry(() => api.executeOperations(uuid, batch), retry);
    acked += batch.length;
    store.writeState({ acked });
  }
  return { runId: meta.runId, sent: acked - first };
}
