/** Options of {@link EarlyStopping} (Lightning's `EarlyStopping` callback). */
export interface EarlyStoppingConfig {
  /** Metric to watch, e.g. `val_loss`. */
  monitor: string;
  mode: 'min' | 'max';
  /** Validation checks without improvement before stopping. */
  patience: number;
  /** Smallest change that counts as an improvement. */
  minDelta: number;
}

/** Default early stopping: `val_loss`, minimised, patience 3. */
export const DEFAULT_EARLY_STOPPING: EarlyStoppingConfig = { monitor: 'val_loss', mode: 'min', patience: 3, minDelta: 0 };

/** Checkpointed state of {@link EarlyStopping}. */
export interface EarlyStoppingState {
  best: number | null;
  wait: number;
  stopped: boolean;
}

/** Tracks a monitored metric across validation checks and says when to stop. */
export class EarlyStopping {
  readonly config: EarlyStoppingConfig;
  private s: EarlyStoppingState = { best: null, wait: 0, stopped: false };

  constructor(config: Partial<EarlyStoppingConfig> = {}) {
    this.config = { ...DEFAULT_EARLY_STOPPING, ...config };
    const c = this.config;
    if (c.mode !== 'min' && c.mode !== 'max') throw new RangeError(`earlyStopping.mode must be "min" or "max", got ${JSON.stringify(c.mode)}`);
    if (!Number.isInteger(c.patience) || c.patience < 0) throw new RangeError(`earlyStopping.patience must be an integer ≥ 0, got ${c.patience}`);
    if (!(c.minDelta >= 0)) throw new RangeError(`earlyStopping.minDelta must be ≥ 0, got ${c.minDelta}`);
  }

  /** Feeds the metrics of one validation check; returns true when training should stop. */
  update(metrics: Record<string, number>): boolean {
    const v = metrics[this.config.monitor];
    if (v === undefined) {
      throw new Error(`early stopping monitors "${this.config.monitor}" but validation returned only: ${Object.keys(metrics).join(', ') || '(nothing)'}`);
    }
    if (Number.isNaN(v)) { this.s.stopped = true; return true; }
    const better = this.s.best === null || (this.config.mode === 'min' ? v < this.s.best - this.config.minDelta : v > this.s.best + this.config.minDelta);
    if (better) { this.s.best = v; this.s.wait = 0; } else { this.s.wait += 1; }
    if (!better && this.s.wait >= Math.max(1, this.config.patience)) this.s.stopped = true;
    return this.s.stopped;
  }

  /** Best value seen so far. */
  get best(): number | null { return this.s.best; }

  /** State for a checkpoint. */
  getState(): EarlyStoppingState { return { ...this.s }; }

  /** Restores {@link getState}'s output. */
  setState(s: EarlyStoppingState): void { this.s = { best: s.best, wait: s.wait, stopped: s.stopped }; }
}

/** Whether `a` is better than `b` under `mode` (null is worst). */
export function isBetter(a: number, b: number | null, mode: 'min' | 'max'): boolean {
  if (Number.isNaN(a)) return false;
  return b === null || (mode === 'min' ? a < b : a > b);
}
