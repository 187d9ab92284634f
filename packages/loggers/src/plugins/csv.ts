import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '@weatherlearn/fs-atomic';
import type { Hyperparams, Logger, LoggerOptions, StepMetrics, RunStatus } from '../core/types.js';
import { checkMetrics, checkStep } from '../core/validate.js';

/** Quotes one CSV cell when needed (RFC 4180). */
export function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cur); cur = ''; } else cur += c;
  }
  cells.push(cur);
  return cells;
}

/**
 * The `csv` plugin: `RUN_DIR/metrics.csv`, wide format `step,time,<metric…>`. When a metric name
 * appears for the first time the file is rewritten atomically with the wider header (rare).
 */
export class CsvLogger implements Logger {
  readonly name = 'csv';
  readonly runId: string;
  private readonly path: string;
  private columns: string[] = [];
  private done = false;

  constructor(options: LoggerOptions & { runId: string }) {
    this.runId = options.runId;
    mkdirSync(options.runDir, { recursive: true });
    this.path = join(options.runDir, 'metrics.csv');
    if (existsSync(this.path)) {
      const first = readFileSync(this.path, 'utf8').split('\n', 1)[0] ?? '';
      this.columns = first ? parseCsvLine(first).slice(2) : [];
    }
  }

  private widen(keys: string[]): void {
    this.columns = [...this.columns, ...keys];
    const header = ['step', 'time', ...this.columns].map(csvCell).join(',');
    const pad = ','.repeat(keys.length);
    const rows = existsSync(this.path) ? readFileSync(this.path, 'utf8').split('\n').slice(1).filter((l) => l) : [];
    const body = rows.map((r) => r + pad);
    writeFileAtomicSync(this.path, [header, ...body].map((l) => `${l}\n`).join(''));
  }

  /** @inheritdoc */
  logHyperparams(_config: Hyperparams): void {}

  /** @inheritdoc */
  logMetrics(metrics: StepMetrics, step: number): void {
    checkStep(step, 'csv.logMetrics');
    checkMetrics(metrics, 'csv.logMetrics');
    if (this.done) return;
    const fresh = Object.keys(metrics).filter((k) => !this.columns.includes(k));
    if (fresh.length || !existsSync(this.path)) this.widen(fresh);
    const cells = [String(step), String(Date.now() / 1000),
      ...this.columns.map((c) => (c in metrics ? String(metrics[c]) : ''))];
    appendFileSync(this.path, `${cells.map(csvCell).join(',')}\n`);
  }

  /** @inheritdoc */
  logSummary(_summary: Hyperparams): void {}

  /** @inheritdoc */
  async flush(): Promise<void> {}

  /** @inheritdoc */
  async finalize(_status: RunStatus): Promise<void> { this.done = true; }
}

/** Factory of the `csv` plugin. */
export function createCsvLogger(options: LoggerOptions & { runId: string }): Logger {
  return new CsvLogger(options);
}
