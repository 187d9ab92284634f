import { DEFAULT_NEPTUNE_OPTIONS, DEFAULT_RETRY_OPTIONS } from '../core/types.js';
import type { Hyperparams, Logger, LoggerOptions, StepMetrics, NeptuneOptions, RunStatus } from '../core/types.js';
import { ReliableSender } from '../core/sender.js';
import { checkMetrics, checkStep } from '../core/validate.js';
import { defaultWarn, WarnOnce } from '../core/warn.js';
import { NeptuneApi, type NeptuneOperation } from './api.js';
import { assignOps, metricOps } from './ops.js';
import { NeptuneStore } from './store.js';

/**
 * The `neptune` plugin, for SELF-HOSTED Neptune servers (the hosted neptune.ai service has shut
 * down). Offline (the default) it writes every attribute operation to `RUN_DIR/neptune` for
 * `weatherlearn loggers sync`; online it also sends them in the background with retries.
 * Hyper-parameters go to `parameters/…`, metrics to `metrics/…` (float series by step), the summary
 * to `summary/…`, name/tags to `sys/…`, and a failed or aborted run sets `sys/failed`.
 */
export class NeptuneLogger implements Logger {
  readonly name = 'neptune';
  readonly runId: string;
  private readonly store: NeptuneStore;
  private readonly sender: ReliableSender<NeptuneOperation> | null = null;
  private done = false;

  constructor(options: LoggerOptions & { runId: string }) {
    const o: NeptuneOptions = { ...DEFAULT_NEPTUNE_OPTIONS, ...options.neptune };
    this.runId = options.runId;
    this.store = new NeptuneStore(options.runDir);
    this.store.writeMeta({ runId: options.runId, project: o.project ?? null });
    const warn = new WarnOnce(options.warn ?? defaultWarn);
    const fresh = this.store.readOps().length === 0;
    const first: NeptuneOperation[] = [];
    if (fresh && options.name) first.push({ path: 'sys/name', assignString: { value: options.name } });
    if (fresh && options.tags?.length) first.push({ path: 'sys/tags', addStrings: { values: options.tags } });
    if (fresh && options.group) first.push({ path: 'sys/group_tags', addStrings: { values: [options.group] } });
    this.store.append(first);
    if (o.mode !== 'online') return;
    const hint = `everything is kept in ${this.store.dir} — upload later with \`weatherlearn loggers sync ${options.runDir}\``;
    if (!o.apiToken || !o.project) {
      warn.warn('config', `neptune: online mode needs an API token (NEPTUNE_API_TOKEN) and a project; logging offline, ${hint}`);
      return;
    }
    const retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    let api: NeptuneApi;
    try { api = new NeptuneApi(o.apiToken, retry); } catch (err) {
      warn.warn('config', `${(err as Error).message}; logging offline, ${hint}`);
      return;
    }
    const state = this.store.readState();
    const project = o.project;
    const run = (state.runUuid ? Promise.resolve(state.runUuid) : api.createRun(project, this.runId).then((r) => r.id))
      .then((id) => { this.store.writeState({ runUuid: id }); return id; });
    run.catch(() => {});
    this.sender = new ReliableSender<NeptuneOperation>({
      retry, startOffset: state.acked,
      send: async (_offset, ops) => api.executeOperations(await run, ops),
      onAck: (acked) => this.store.writeState({ acked }),
      onDown: (reason) => warn.warn('down', `neptune: giving up on live upload (${reason}); ${hint}`),
    });
    for (const op of this.store.readOps().slice(state.acked)) this.sender.push(op);
  }

  private add(ops: NeptuneOperation[]): void {
    this.store.append(ops);
    for (const op of ops) this.sender?.push(op);
  }

  /** @inheritdoc */
  logHyperparams(config: Hyperparams): void { if (!this.done) this.add(assignOps('parameters', config)); }

  /** @inheritdoc */
  logMetrics(metrics: StepMetrics, step: number): void {
    checkStep(step, 'neptune.logMetrics');
    checkMetrics(metrics, 'neptune.logMetrics');
    if (!this.done) this.add(metricOps(metrics, step, Date.now()));
  }

  /** @inheritdoc */
  logSummary(summary: Hyperparams): void { if (!this.done) this.add(assignOps('summary', summary)); }

  /** @inheritdoc */
  async flush(): Promise<void> { await this.sender?.drain(); }

  /** @inheritdoc */
  async finalize(status: RunStatus): Promise<void> {
    if (this.done) return;
    this.add([{ path: 'sys/failed', assignBool: { value: status !== 'success' } }]);
    this.done = true;
    this.store.writeState({ finished: true });
    await this.flush();
  }
}

/** Factory of the `neptune` plugin. */
export function createNeptuneLogger(options: LoggerOptions & { runId: string }): Logger {
  return new NeptuneLogger(options);
}
