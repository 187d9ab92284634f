import type { Hyperparams, Logger, StepMetrics, RunStatus } from './types.js';

/**
 * Feeds several loggers at once. All share one `runId`. A plugin that throws on a call is reported
 * through `onError(plugin, err, call)` and skipped; the others keep logging. Argument errors
 * (TypeError: bad step or metric) are rethrown — they are the caller's bug.
 */
export class FanOutLogger implements Logger {
  readonly name = 'fanout';
  constructor(
    readonly runId: string,
    readonly loggers: readonly Logger[],
    private readonly onError: (plugin: string, err: unknown, call: string) => void = () => {},
  ) {}

  private each(call: string, fn: (l: Logger) => void): void {
    for (const l of this.loggers) {
      try { fn(l); } catch (err) {
        if (err instanceof TypeError) throw err; // bad arguments are the caller's bug
        this.onError(l.name, err, call);
      }
    }
  }

  private async eachAsync(call: string, fn: (l: Logger) => Promise<void> | undefined): Promise<void> {
    const results = await Promise.allSettled(this.loggers.map((l) => fn(l)));
    results.forEach((r, i) => { if (r.status === 'rejected') this.onError(this.loggers[i]!.name, r.reason, call); });
  }

  /** @inheritdoc */
  logHyperparams(config: Hyperparams): void { this.each('logHyperparams', (l) => l.logHyperparams(config)); }
  /** @inheritdoc */
  logMetrics(metrics: StepMetrics, step: number): void { this.each('logMetrics', (l) => l.logMetrics(metrics, step)); }
  /** @inheritdoc */
  logSummary(summary: Hyperparams): void { this.each('logSummary', (l) => l.logSummary(summary)); }
  /** @inheritdoc */
  logHistogram(tag: string, values: ArrayLike<number>, step: number): void {
    this.each('logHistogram', (l) => l.logHistogram?.(tag, values, step));
  }
  /** @inheritdoc */
  logArtifact(path: string): Promise<void> { return this.eachAsync('logArtifact', (l) => l.logArtifact?.(path)); }
  /** @inheritdoc */
  flush(): Promise<void> { return this.eachAsync('flush', (l) => l.flush()); }
  /** @inheritdoc */
  finalize(status: RunStatus): Promise<void> { return this.eachAsync('finalize', (l) => l.finalize(status)); }
}

/** A logger that records nothing (ranks other than 0). */
export class NullLogger implements Logger {
  readonly name = 'null';
  constructor(readonly runId: string) {}
  /** Does nothing. */
  logHyperparams(): void {}
  /** Does nothing. */
  logMetrics(): void {}
  /** Does nothing. */
  logSummary(): void {}
  /** Does nothing. */
  async flush(): Promise<void> {}
  /** Does nothing. */
  async finalize(): Promise<void> {}
}
