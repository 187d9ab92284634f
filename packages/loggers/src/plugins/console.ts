import type { Hyperparams, Logger, LoggerOptions, StepMetrics, RunStatus } from '../core/types.js';
import { checkMetrics, checkStep, toJsonSafe } from '../core/validate.js';

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) ? String(v) : v.toPrecision(5);
}

/** The `console` plugin: one readable line per call to `options.out` (default stdout). */
export class ConsoleLogger implements Logger {
  readonly name = 'console';
  readonly runId: string;
  private readonly out: (line: string) => void;
  private done = false;

  constructor(options: LoggerOptions & { runId: string }) {
    this.runId = options.runId;
    this.out = options.out ?? ((l) => process.stdout.write(`${l}\n`));
  }

  /** @inheritdoc */
  logHyperparams(config: Hyperparams): void {
    if (!this.done) this.out(`[${this.runId}] hparams ${toJsonSafe(config)}`);
  }

  /** @inheritdoc */
  logMetrics(metrics: StepMetrics, step: number): void {
    checkStep(step, 'console.logMetrics');
    checkMetrics(metrics, 'console.logMetrics');
    if (this.done) return;
    const parts = Object.entries(metrics).map(([k, v]) => `${k}=${fmt(v)}`);
    this.out(`[${this.runId}] step ${step} ${parts.join(' ')}`);
  }

  /** @inheritdoc */
  logSummary(summary: Hyperparams): void {
    if (!this.done) this.out(`[${this.runId}] summary ${toJsonSafe(summary)}`);
  }

  /** @inheritdoc */
  async flush(): Promise<void> {}

  /** @inheritdoc */
  async finalize(status: RunStatus): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.out(`[${this.runId}] finished: ${status}`);
  }
}

/** Factory of the `console` plugin. */
export function createConsoleLogger(options: LoggerOptions & { runId: string }): Logger {
  return new ConsoleLogger(options);
}
