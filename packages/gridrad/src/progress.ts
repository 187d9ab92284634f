/** Progress reports shared by every step. */

/** A progress report: counts so far and rates. */
export interface Progress {
  /** Step name (`preprocess`, `to-pt`, `split:stats`, `split:write`, `check`). */
  step: string;
  /** Items finished in this run (done + skipped + failed). */
  finished: number;
  /** Items to handle in this run (after the checkpoint and shard). */
  total: number;
  done: number;
  skipped: number;
  failed: number;
  /** Input bytes handled in this run. */
  bytes: number;
  elapsedMs: number;
  /** True for the last report of the step. */
  final: boolean;
}

/** A callback receiving {@link Progress} reports. */
export type ProgressCallback = (p: Progress) => void;

/** Counts progress and calls `onProgress` at most every `intervalMs` (and once at the end). */
export class ProgressTracker {
  readonly counts = { done: 0, skipped: 0, failed: 0, bytes: 0 };
  private readonly t0 = Date.now();
  private last = 0;

  constructor(readonly step: string, readonly total: number, private readonly onProgress?: ProgressCallback, private readonly intervalMs = 1000) {}

  /** Records one finished item. */
  add(status: 'done' | 'skipped' | 'failed', bytes = 0): void {
    this.counts[status]++;
    this.counts.bytes += bytes;
    const now = Date.now();
    if (this.onProgress && now - this.last >= this.intervalMs) { this.last = now; this.onProgress(this.report(false)); }
  }

  /** The current report. */
  report(final: boolean): Progress {
    const { done, skipped, failed, bytes } = this.counts;
    return { step: this.step, finished: done + skipped + failed, total: this.total, done, skipped, failed, bytes, elapsedMs: Date.now() - this.t0, final };
  }

  /** Sends the final report. */
  finish(): Progress {
    const r = this.report(true);
    this.onProgress?.(r);
    return r;
  }
}
