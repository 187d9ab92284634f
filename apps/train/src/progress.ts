/**
 * Progress for long commands: a redrawn bar with rate and ETA on a TTY, or one plain line every N
 * steps otherwise (SLURM/PBS logs), plus a final summary table. Time comes from an injectable clock
 * so tests are exact.
 */

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** Where text goes (stderr in the CLI). On a TTY the bar is redrawn with `\r`. */
  write: (text: string) => void;
  isTTY: boolean;
  /** Non-TTY: print a line every N steps (and at the last one). */
  every: number;
  /** Prefix, e.g. `train pangu`. */
  label: string;
  /** Bar width in characters. */
  width: number;
  /** Milliseconds clock (tests pass a fake). */
  now: () => number;
  /** TTY: minimum milliseconds between redraws. */
  redrawMs: number;
}

/** Default progress options (stderr-like sink must be given). */
export const DEFAULT_PROGRESS_OPTIONS: Omit<ProgressOptions, 'write' | 'isTTY'> = { every: 10, label: '', width: 24, now: () => Date.now(), redrawMs: 100 };

/** `h:mm:ss` or `m:ss`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return h ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

/** A number for a log line: 4 significant digits, exponent form for tiny/huge values. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0 || Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e5 ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/** A step counter that renders as a bar (TTY) or periodic lines. */
export class Progress {
  private readonly o: ProgressOptions;
  private total = 0;
  private startStep = 0;
  private startTime = 0;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(options: Pick<ProgressOptions, 'write' | 'isTTY'> & Partial<ProgressOptions>) {
    this.o = { ...DEFAULT_PROGRESS_OPTIONS, ...options };
    if (!Number.isInteger(this.o.every) || this.o.every < 1) throw new RangeError(`progress: every must be an integer ≥ 1, got ${this.o.every}`);
  }

  /** Starts counting towards `total` from `initial` (a resumed run starts part-way). */
  start(total: number, initial = 0): void {
    this.total = total;
    this.startStep = initial;
    this.startTime = this.o.now();
    this.lastDraw = -Infinity;
  }

  /** Steps per second since {@link start} and the estimated seconds left at `step`. */
  rate(step: number): { perSecond: number; eta: number } {
    const dt = (this.o.now() - this.startTime) / 1000;
    const done = step - this.startStep;
    const perSecond = dt > 0 && done > 0 ? done / dt : 0;
    return { perSecond, eta: perSecond > 0 ? (this.total - step) / perSecond : NaN };
  }

  /** Reports that `step` of the total is done, with metrics to show. */
  update(step: number, metrics: Record<string, number> = {}): void {
    const { perSecond, eta } = this.rate(step);
    const pct = this.total > 0 ? Math.min(100, (100 * step) / this.total) : 0;
    const info = Object.entries(metrics).slice(0, 4).map(([k, v]) => `${k}=${formatNumber(v)}`).join(' ');
    const rate = `${perSecond >= 1 || perSecond === 0 ? perSecond.toFixed(2) + ' it/s' : (1 / perSecond).toFixed(2) + ' s/it'}`;
    const label = this.o.label ? `${this.o.label} ` : '';
    if (this.o.isTTY) {
      const t = this.o.now();
      if (t - this.lastDraw < this.o.redrawMs && step < this.total) return;
      this.lastDraw = t;
      const fill = Math.round((pct / 100) * this.o.width);
      this.o.write(`\r\x1b[2K${label}[${'#'.repeat(fill)}${'-'.repeat(this.o.width - fill)}] ${step}/${this.total} ${rate} ETA ${formatDuration(eta)} ${info}`);
      this.drawn = true;
    } else if (step % this.o.every === 0 || step === this.total) {
      this.o.write(`${label}step ${step}/${this.total} (${pct.toFixed(0)}%) ${rate} ETA ${formatDuration(eta)} ${info}`.trimEnd() + '\n');
    }
  }

  /** Prints a message without breaking the bar (a TTY bar is redrawn at the next update). */
  log(line: string): void {
    if (this.o.isTTY && this.drawn) { this.o.write('\r\x1b[2K'); this.lastDraw = -Infinity; }
    this.o.write(line + '\n');
  }

  /** Ends the bar line (TTY). */
  finish(): void {
    if (this.o.isTTY && this.drawn) this.o.write('\n');
    this.drawn = false;
  }
}

/** Options of {@link itemProgress}. */
export interface ItemProgressOptions {
  /** Prefix of every line, e.g. `[embed vit256]`. */
  label: string;
  /** What is counted, e.g. `files`, `frames`, `objects`. */
  unit: string;
  /** Non-TTY: at most one line per this many milliseconds (the last item always prints). */
  intervalMs: number;
  /** Milliseconds clock (tests pass a fake). */
  now: () => number;
}

/** Default {@link itemProgress} options: a line every 10 s in logs. */
export const DEFAULT_ITEM_PROGRESS_OPTIONS: ItemProgressOptions = { label: '', unit: 'items', intervalMs: 10_000, now: () => Date.now() };

/** A reporter of per-item progress: call it with items done so far, the total and an optional detail (a file name…). */
export type ItemProgress = (done: number, total: number, detail?: string) => void;

/**
 * Per-file/per-item progress for commands that process many inputs: a redrawn {@link Progress} bar
 * with rate and ETA on a TTY; otherwise one plain line (`label done/total unit (pct%) rate ETA
 * (detail)`) at most every `intervalMs` and at the last item, for SLURM/PBS logs. The packages report
 * through their `onProgress` callbacks; the command passes this function (or calls it from them).
 */
export function itemProgress(sink: { err(line: string): void; isTTY: boolean }, options: Partial<ItemProgressOptions> = {}): ItemProgress {
  const o = { ...DEFAULT_ITEM_PROGRESS_OPTIONS, ...options };
  const bar = new Progress({ write: (s) => { const l = s.replace(/\n$/, ''); if (l) sink.err(l); }, isTTY: true, label: o.label, now: o.now });
  let total = -1, last = -Infinity, finished = false;
  return (done, n, detail) => {
    if (n !== total) { total = n; bar.start(n, done); finished = false; } // the clock starts at the first report
    const end = done >= n;
    if (sink.isTTY) {
      bar.update(done);
      if (end && !finished) { bar.finish(); finished = true; }
      return;
    }
    const t = o.now();
    if (!end && t - last < o.intervalMs) return;
    last = t;
    const { perSecond, eta } = bar.rate(done);
    const pct = n > 0 ? Math.min(100, (100 * done) / n).toFixed(0) : '100';
    sink.err(`${o.label ? `${o.label} ` : ''}${done}/${n} ${o.unit} (${pct}%) ${perSecond.toFixed(2)} ${o.unit}/s ETA ${end ? '0:00' : formatDuration(eta)}${detail ? ` (${detail})` : ''}`);
  };
}

/** A two-column table (`key  value`) for end-of-run summaries. */
export function summaryTable(rows: [string, string | number][], title = ''): string {
  const w = Math.max(...rows.map(([k]) => k.length), 4);
  const vw = Math.max(...rows.map(([, v]) => String(typeof v === 'number' ? formatNumber(v) : v).length), 5);
  const line = `+${'-'.repeat(w + 2)}+${'-'.repeat(vw + 2)}+`;
  const body = rows.map(([k, v]) => `| ${k.padEnd(w)} | ${String(typeof v === 'number' ? formatNumber(v) : v).padStart(vw)} |`);
  return [title, line, ...body, line].filter(Boolean).join('\n');
}
