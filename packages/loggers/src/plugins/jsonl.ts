import { appendFileSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { mergeJsonFile } from '../core/local.js';
import type { Hyperparams, Logger, LoggerOptions, StepMetrics, RunStatus } from '../core/types.js';
import { checkMetrics, checkStep, toJsonSafe } from '../core/validate.js';

/**
 * The `jsonl` plugin: `RUN_DIR/metrics.jsonl` (one `{"step", "time", …metrics}` line per call,
 * appended so a resumed run continues the file), `hparams.json`, `summary.json` and `run.json`
 * (run id, status, times), each written atomically; `logArtifact` copies files to `artifacts/`.
 */
export class JsonlLogger implements Logger {
  readonly name = 'jsonl';
  readonly runId: string;
  private readonly dir: string;
  private done = false;

  constructor(options: LoggerOptions & { runId: string }) {
    this.runId = options.runId;
    this.dir = options.runDir;
    mkdirSync(this.dir, { recursive: true });
    mergeJsonFile(join(this.dir, 'run.json'), {
      runId: this.runId, name: options.name ?? null, status: 'running', startedAt: new Date().toISOString(),
    });
  }

  /** @inheritdoc */
  logHyperparams(config: Hyperparams): void {
    if (!this.done) mergeJsonFile(join(this.dir, 'hparams.json'), config);
  }

  /** @inheritdoc */
  logMetrics(metrics: StepMetrics, step: number): void {
    checkStep(step, 'jsonl.logMetrics');
    checkMetrics(metrics, 'jsonl.logMetrics');
    if (this.done) return;
    appendFileSync(join(this.dir, 'metrics.jsonl'), `${toJsonSafe({ step, time: Date.now() / 1000, ...metrics })}\n`);
  }

  /** @inheritdoc */
  logSummary(summary: Hyperparams): void {
    if (!this.done) mergeJsonFile(join(this.dir, 'summary.json'), summary);
  }

  /** Copies the file at `path` into `RUN_DIR/artifacts/` (atomically); the error names the path. */
  async logArtifact(path: string): Promise<void> {
    if (this.done) return;
    let data: Buffer;
    try { data = await readFile(path); } catch (err) { throw new Error(`jsonl.logArtifact: cannot read ${path}: ${(err as Error).message}`); }
    await writeFileAtomic(join(this.dir, 'artifacts', basename(path)), data);
  }

  /** @inheritdoc */
  async flush(): Promise<void> {}

  /** @inheritdoc */
  async finalize(status: RunStatus): Promise<void> {
    if (this.done) return;
    this.done = true;
    mergeJsonFile(join(this.dir, 'run.json'), { status, finishedAt: new Date().toISOString() });
  }
}

/** Factory of the `jsonl` plugin. */
export function createJsonlLogger(options: LoggerOptions & { runId: string }): Logger {
  return new JsonlLogger(options);
}
