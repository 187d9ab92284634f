import { copyFileSync, mkdirSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DEFAULT_RETRY_OPTIONS, DEFAULT_WANDB_OPTIONS } from '../core/types.js';
import type { Hyperparams, Logger, LoggerOptions, StepMetrics, RetryOptions, RunStatus, WandbOptions } from '../core/types.js';
import { ReliableSender } from '../core/sender.js';
import { checkMetrics, checkStep, toJsonSafe } from '../core/validate.js';
import { defaultWarn, WarnOnce } from '../core/warn.js';
import { WandbApi, wandbConfigString } from './api.js';
import { createRunFiles, putFile, runExists } from './files.js';
import { WandbStore, type WandbMeta } from './store.js';

/** W&B exit code for a run status (0 success, 1 failed, 255 aborted). */
export function exitCodeOf(status: RunStatus): number {
  return status === 'success' ? 0 : status === 'failed' ? 1 : 255;
}

/** Removes `user:pass@` from a URL so it can be stored and printed. */
export function stripUserInfo(url: string): string {
  try { const u = new URL(url); u.username = ''; u.password = ''; return u.toString().replace(/\/$/, ''); } catch {
    throw new Error(`wandb: baseUrl ${JSON.stringify(url)} is not a valid URL`);
  }
}

/**
 * The `wandb` plugin. Every call is first written under `RUN_DIR/wandb` (see {@link WandbStore});
 * online, history lines stream in the background through a {@link ReliableSender} to
 * `file_stream` with offsets, so retries never duplicate a step. If the service fails for good,
 * one warning names the folder to `weatherlearn loggers sync`. Offline (or without a key) nothing
 * leaves the machine until `sync`. Resuming with the same `runId` continues the same W&B run.
 */
export class WandbLogger implements Logger {
  readonly name = 'wandb';
  readonly runId: string;
  private readonly store: WandbStore;
  private readonly meta: WandbMeta;
  private readonly api: WandbApi | null;
  private readonly retry: RetryOptions;
  private readonly warn: WarnOnce;
  private readonly runDir: string;
  private readonly syncHint: string;
  private readonly started = Date.now();
  private readonly init: Promise<{ entity: string; base: number }> | null = null;
  private readonly sender: ReliableSender<string> | null = null;
  private pendingMeta: Promise<void> = Promise.resolve();
  private metaFailed = false;
  private summaryDirty = false;
  private done = false;

  constructor(options: LoggerOptions & { runId: string }) {
    const o: WandbOptions = { ...DEFAULT_WANDB_OPTIONS, ...options.wandb };
    this.runId = options.runId;
    this.runDir = options.runDir;
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.warn = new WarnOnce(options.warn ?? defaultWarn);
    // Like the official client: `WANDB_DIR/wandb/run-<id>` when a dir is given, else RUN_DIR/wandb.
    this.store = new WandbStore(o.dir ? join(o.dir, 'wandb', `run-${options.runId}`) : join(options.runDir, 'wandb'), true);
    this.syncHint = o.dir ? this.store.dir : this.runDir;
    const tags = [...new Set([...(options.tags ?? []), ...(o.tags ?? [])])];
    this.meta = {
      runId: options.runId, project: o.project, entity: o.entity ?? null, baseUrl: stripUserInfo(o.baseUrl),
      name: options.name ?? null, group: options.group ?? null, tags: tags.length ? tags : null, notes: o.notes ?? options.notes ?? null,
    };
    this.store.writeMeta(this.meta);
    if (o.mode === 'online' && !o.apiKey) {
      this.warn.warn('nokey', `wandb: no API key (set WANDB_API_KEY); logging offline to ${this.store.dir} — upload later with \`weatherlearn loggers sync ${this.syncHint}\``);
    }
    if (o.mode !== 'online' || !o.apiKey) { this.api = null; return; }
    const api = new WandbApi(o.baseUrl, o.apiKey, this.retry);
    this.api = api;
    const state = this.store.readState();
    const resumeCheck = o.resume === 'must' || o.resume === 'never'
      ? runExists(api.base, api.headers(), this.retry, { entity: state.entity ?? this.meta.entity, project: o.project, runId: this.runId }).then((exists) => {
        if (o.resume === 'must' && !exists) throw new Error(`run ${this.runId} does not exist on the server and resume is "must" (WANDB_RESUME)`);
        if (o.resume === 'never' && exists) throw new Error(`run ${this.runId} already exists on the server and resume is "never" (WANDB_RESUME)`);
      })
      : Promise.resolve();
    this.init = resumeCheck.then(() => api.upsertBucket(this.meta, { entity: state.entity })).then((r) => {
      const base = state.offsetBase ?? r.historyLineCount;
      this.store.writeState({ entity: r.entity, offsetBase: base });
      return { entity: r.entity, base };
    });
    this.init.catch(() => {}); // failures surface through the sender / flush
    const init = this.init;
    this.sender = new ReliableSender<string>({
      retry: this.retry,
      startOffset: state.historyAcked,
      send: async (offset, lines) => {
        const { entity, base } = await init;
        await api.sendHistory(entity, this.meta.project, this.runId, base + offset, lines);
      },
      onAck: (acked) => this.store.writeState({ historyAcked: acked }),
      onDown: (reason) => this.goneDown(reason),
    });
    // Crash recovery: lines written locally but never acknowledged go first.
    for (const line of this.store.readHistory().slice(state.historyAcked)) this.sender.push(line);
  }

  private goneDown(reason: string): void {
    this.warn.warn('down', `wandb: giving up on live upload (${reason}); everything is kept in ${this.store.dir} — upload later with \`weatherlearn loggers sync ${this.syncHint}\``);
  }

  private metaTask(fn: (entity: string) => Promise<unknown>): void {
    if (!this.api || !this.init) return;
    const init = this.init;
    this.pendingMeta = this.pendingMeta.then(async () => {
      if (this.metaFailed) return;
      try { await fn((await init).entity); } catch (err) { this.metaFailed = true; this.goneDown((err as Error).message); }
    });
  }

  /** @inheritdoc */
  logHyperparams(config: Hyperparams): void {
    if (this.done) return;
    const all = this.store.mergeConfig(config);
    this.metaTask((entity) => this.api!.upsertBucket(this.meta, { entity, config: wandbConfigString(all) }));
  }

  /** @inheritdoc */
  logMetrics(metrics: StepMetrics, step: number): void {
    checkStep(step, 'wandb.logMetrics');
    checkMetrics(metrics, 'wandb.logMetrics');
    if (this.done) return;
    const now = Date.now();
    const line = toJsonSafe({ ...metrics, _step: step, _runtime: (now - this.started) / 1000, _timestamp: now / 1000 });
    this.store.appendHistory(line);
    this.sender?.push(line);
  }

  /** @inheritdoc */
  logSummary(summary: Hyperparams): void {
    if (this.done) return;
    this.store.mergeSummary(summary);
    this.summaryDirty = true;
  }

  /**
   * Uploads a file as a run file `artifacts/<name>` (GraphQL `CreateRunFiles`, then a PUT to the
   * returned URL, as the official client's `wandb.save`). A copy is kept in the local store first,
   * so offline runs (and a failed upload) deliver it with `weatherlearn loggers sync`.
   */
  async logArtifact(path: string): Promise<void> {
    const abs = resolve(path);
    if (!existsSync(abs)) throw new Error(`wandb.logArtifact: ${abs} does not exist`);
    const name = `artifacts/${basename(abs)}`;
    mkdirSync(join(this.store.dir, 'artifacts'), { recursive: true });
    copyFileSync(abs, join(this.store.dir, name));
    this.store.addPendingFile(name);
    const api = this.api;
    if (!api) return;
    this.metaTask(async (entity) => {
      const [up] = await createRunFiles(api.base, api.headers(), this.retry, { entity, project: this.meta.project, runId: this.runId }, [name]);
      await putFile(up!, new Uint8Array(await readFile(join(this.store.dir, name))), this.retry);
      this.store.markFileUploaded(name);
    });
    await this.pendingMeta;
  }

  /** @inheritdoc */
  async flush(): Promise<void> {
    if (!this.sender) return;
    await this.sender.drain();
    if (this.summaryDirty) {
      this.summaryDirty = false;
      this.metaTask((entity) => this.api!.sendSummary(entity, this.meta.project, this.runId, this.store.readSummary()));
    }
    await this.pendingMeta;
  }

  /** @inheritdoc */
  async finalize(status: RunStatus): Promise<void> {
    if (this.done) return;
    this.done = true;
    const exitcode = exitCodeOf(status);
    this.store.writeState({ exitcode });
    await this.flush();
    if (!this.sender || this.sender.down || this.metaFailed) return;
    this.metaTask(async (entity) => {
      await this.api!.complete(entity, this.meta.project, this.runId, exitcode);
      this.store.writeState({ completed: true });
    });
    await this.pendingMeta;
  }
}

/** Factory of the `wandb` plugin. */
export function createWandbLogger(options: LoggerOptions & { runId: string }): Logger {
  if (options.wandb?.mode === 'disabled') return disabledLogger(options.runId);
  return new WandbLogger(options);
}

/** `mode: 'disabled'` (`WANDB_MODE=disabled`): every call is a no-op and nothing is written. */
function disabledLogger(runId: string): Logger {
  const none = (): void => {};
  return {
    name: 'wandb', runId, logHyperparams: none, logMetrics: none, logSummary: none,
    logArtifact: async () => {}, flush: async () => {}, finalize: async () => {},
  };
}
