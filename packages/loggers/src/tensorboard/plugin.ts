import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Hyperparams, Logger, LoggerOptions, Metrics, RunStatus } from '../core/types.js';
import { checkMetrics, checkStep } from '../core/validate.js';
import { fileVersionEvent, histogramValue, makeHistogram, scalarValue, summaryEvent, textValue } from './events.js';
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
 * hyper-parameters and the summary as Markdown text (text plugin). Open with
 * `tensorboard --logdir RUN_DIR/tensorboard`. A resumed run starts a new file in the same folder.
 */
export class TensorBoardLogger implements Logger {
  readonly name = 'tensorboard';
  readonly runId: string;
  /** Path of the event file being written. */
  readonly path: string;
  private fd: number | null;
  private lastStep = 0;

  constructor(options: LoggerOptions & { runId: string }) {
    this.runId = options.runId;
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
    this.write(summaryEvent(Date.now() / 1000, 0, [textValue('hparams', markdownTable(config))]));
  }

  /** @inheritdoc */
  logMetrics(metrics: Metrics, step: number): void {
    checkStep(step, 'tensorboard.logMetrics');
    checkMetrics(metrics, 'tensorboard.logMetrics');
    this.lastStep = step;
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

  /** @inheritdoc */
  async flush(): Promise<void> {
    if (this.fd !== null) fsyncSync(this.fd);
  }

  /** @inheritdoc */
  async finalize(_status: RunStatus): Promise<void> {
    if (this.fd === null) return;
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
  }
}

/** Factory of the `tensorboard` plugin. */
export function createTensorBoardLogger(options: LoggerOptions & { runId: string }): Logger {
  return new TensorBoardLogger(options);
}
