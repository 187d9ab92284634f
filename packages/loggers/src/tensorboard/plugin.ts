import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Hyperparams, Logger, LoggerOptions, StepMetrics, RunStatus } from '../core/types.js';
import { checkMetrics, checkStep } from '../core/validate.js';
import { fileVersionEvent, histogramValue, makeHistogram, scalarValue, summaryEvent, textValue } from './events.js';
import { experimentValue, flattenHparams, HPARAMS_STATUS, sessionEndValue, sessionStartValue } from './hparams.js';
import { tfRecord } from './tfrecord.js';

let fileCounter = 0;

function markdownTable(obj: Record<string, unknown>): string {
  const rows = Object.entries(obj).map(([k, v]) =>
    `|${k.replace(/\|/g, '\\|')}|${(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)).replace(/\|/g, '\\|')}|`);
  return ['|parameter|value|', '|---|---|', ...rows].join('\n');
}

/**
 * The `tensorboard` plugin: writes `RUN_DIR/tensorboard/events.out.tfevents.<time>.<host>.<pid>.<n>`
 * (TFRecord-framed `Event` protobufs): scalars as `simple_value`, histograms as `HistogramProto`,
 * hyper-parameters and the summary as Markdown text (text plugin). Hyper-parameters also go to the
 * HParams plugin (a session start with their values; at `finalize` the experiment — every
 * hyper-parameter and scalar tag — and the session's status), so runs compare in its tab.
 * `logArtifact` records a text entry `artifacts/<name>` with the file's path, size and SHA-256. Open with
 * `tensorboard --logdir RUN_DIR/tensorboard`. A resumed run starts a new file in the same folder.
 */
export class TensorBoardLogger implements Logger {
  readonly name = 'tensorboard';
  readonly runId: string;
  /** Path of the event file being written. */
  readonly path: string;
  private fd: number | null;
  private lastStep = 0;
  private readonly started = Date.now() / 1000;
  private hparams: Hyperparams = {};
  private readonly metricTags = new Set<string>();
  private readonly group: string;

  constructor(options: LoggerOptions & { runId: string }) {
    this.runId = options.runId;
    this.group = options.group ?? '';
    const dir = join(options.runDir, 'tensorboard');
    mkdirSync(dir, { recursive: true });
    const now = Date.now() / 1000;
    this.path = join(dir, `events.out.tfevents.${Math.floor(now)}.${hostname()}.${process.pid}.${fileCounter++}`);
    this.fd = openSync(this.path, 'a');
    this.write(fileVersionEvent(now));
  }

  private write(event: Uint8Array): void {
    if (this.fd !== null) writeSync(this.fd, tfRecord(event));
  }

  /** @inheritdoc */
  logHyperparams(config: Hyperparams): void {
    this.hparams = { ...this.hparams, ...config };
    this.write(summaryEvent(Date.now() / 1000, 0, [
      textValue('hparams', markdownTable(config)), sessionStartValue(flattenHparams(this.hparams), this.started, this.group),
    ]));
  }

  /** @inheritdoc */
  logMetrics(metrics: StepMetrics, step: number): void {
    checkStep(step, 'tensorboard.logMetrics');
    checkMetrics(metrics, 'tensorboard.logMetrics');
    this.lastStep = step;
    for (const k of Object.keys(metrics)) this.metricTags.add(k);
    const values = Object.entries(metrics).map(([k, v]) => scalarValue(k, v));
    if (values.length) this.write(summaryEvent(Date.now() / 1000, step, values));
  }

  /** @inheritdoc */
  logHistogram(tag: string, values: ArrayLike<number>, step: number): void {
    checkStep(step, 'tensorboard.logHistogram');
    this.write(summaryEvent(Date.now() / 1000, step, [histogramValue(tag, makeHistogram(values))]));
  }

  /** @inheritdoc */
  logSummary(summary: Hyperparams): void {
    this.write(summaryEvent(Date.now() / 1000, this.lastStep, [textValue('summary', markdownTable(summary))]));
  }

  /** Records `artifacts/<file name>` as text: the absolute path, size and SHA-256 of the file. */
  async logArtifact(path: string): Promise<void> {
    const abs = resolve(path);
    let size: number;
    try { size = (await stat(abs)).size; } catch (e) { throw new Error(`tensorboard.logArtifact: cannot read ${abs}: ${(e as Error).message}`); }
    const h = createHash('sha256');
    for await (const chunk of createReadStream(abs)) h.update(chunk as Buffer);
    const text = `path: \`${abs}\`  \nbytes: ${size}  \nsha256: \`${h.digest('hex')}\``;
    this.write(summaryEvent(Date.now() / 1000, this.lastStep, [textValue(`artifacts/${basename(abs)}`, text)]));
  }

  /** @inheritdoc */
  async flush(): Promise<void> {
    if (this.fd !== null) fsyncSync(this.fd);
  }

  /** @inheritdoc */
  async finalize(status: RunStatus): Promise<void> {
    if (this.fd === null) return;
    if (Object.keys(this.hparams).length) {
      const now = Date.now() / 1000;
      this.write(summaryEvent(now, this.lastStep, [
        experimentValue(flattenHparams(this.hparams), [...this.metricTags].sort(), this.started),
        sessionEndValue(status === 'success' ? HPARAMS_STATUS.success : HPARAMS_STATUS.failure, now),
      ]));
    }
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}

/** Factory of the `tensorboard` plugin. */
export function createTensorBoardLogger(options: LoggerOptions & { runId: string }): Logger {
  return new TensorBoardLogger(options);
}
