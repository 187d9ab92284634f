import { MetricSums, skillScore } from './metrics.js';

/** One row of a scorecard: a model at a lead time for one channel. */
export interface ScorecardRow {
  model: string;
  /** Lead time in model steps. */
  lead: number;
  channel: string;
  rmse: number | null;
  mae: number | null;
  bias: number | null;
  acc: number | null;
  /** 1 − MSE/MSE_persistence on the same frames and cells (null without that baseline). */
  skill_vs_persistence: number | null;
  skill_vs_climatology: number | null;
  /** Observed fraction of the scored cells. */
  coverage: number;
  /** Frames scored. */
  cases: number;
  /** Lead time in minutes (when the step length is known). */
  lead_minutes?: number;
}

/** A scorecard: rows plus how they were computed. */
export interface Scorecard {
  format: 'weatherlearn-scorecard';
  version: 1;
  rows: ScorecardRow[];
  metadata: Record<string, unknown>;
}

/**
 * Streaming scorecard state: one {@link MetricSums} per (model, lead, channel). Workers keep their
 * own and {@link merge} them; {@link build} turns the sums into rows with skill scores.
 */
export class ScorecardAccumulator {
  private readonly sums = new Map<string, MetricSums[]>();

  constructor(readonly channels: readonly string[]) {}

  /** The per-channel sums of (model, lead), created on first use. */
  get(model: string, lead: number): MetricSums[] {
    const k = JSON.stringify([model, lead]);
    let s = this.sums.get(k);
    if (!s) { s = this.channels.map(() => new MetricSums()); this.sums.set(k, s); }
    return s;
  }

  /** Adds another accumulator's sums. */
  merge(o: ScorecardAccumulator): this {
    for (const [k, v] of o.sums) {
      const [m, l] = JSON.parse(k) as [string, number];
      this.get(m, l).forEach((s, c) => s.merge(v[c]!));
    }
    return this;
  }

  /** The rows (models in first-seen order, then lead, then channel); `stepMinutes` adds `lead_minutes`. */
  build(metadata: Record<string, unknown> = {}, stepMinutes?: number): Scorecard {
    const rows: ScorecardRow[] = [];
    const num = (v: number) => (Number.isFinite(v) ? v : null);
    const keys = [...this.sums.keys()].map((k) => JSON.parse(k) as [string, number]);
    const models = [...new Set(keys.map((k) => k[0]))];
    for (const model of models) {
      for (const lead of keys.filter((k) => k[0] === model).map((k) => k[1]).sort((a, b) => a - b)) {
        const mine = this.get(model, lead);
        const base = (name: string) => (this.sums.has(JSON.stringify([name, lead])) ? this.get(name, lead) : undefined);
        const pers = base('persistence'), clim = base('climatology');
        this.channels.forEach((channel, c) => {
          const r = mine[c]!.result();
          rows.push({
            model, lead, channel, rmse: num(r.rmse), mae: num(r.mae), bias: num(r.bias), acc: num(r.acc),
            skill_vs_persistence: pers ? num(skillScore(r.mse, pers[c]!.result().mse)) : null,
            skill_vs_climatology: clim ? num(skillScore(r.mse, clim[c]!.result().mse)) : null,
            coverage: r.coverage, cases: r.cases, ...(stepMinutes !== undefined ? { lead_minutes: lead * stepMinutes } : {}),
          });
        });
      }
    }
    return { format: 'weatherlearn-scorecard', version: 1, rows, metadata };
  }
}

/** Columns of the CSV form, in order. */
export const SCORECARD_COLUMNS = ['model', 'lead', 'lead_minutes', 'channel', 'rmse', 'mae', 'bias', 'acc', 'skill_vs_persistence', 'skill_vs_climatology', 'coverage', 'cases'] as const;

/** The scorecard as CSV (header + one line per row; empty cells for null; quoted when needed). */
export function scorecardToCsv(card: Scorecard): string {
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [SCORECARD_COLUMNS.join(','), ...card.rows.map((r) => SCORECARD_COLUMNS.map((k) => cell(r[k as keyof ScorecardRow])).join(','))].join('\n') + '\n';
}

/**
 * Reads a `scorecard.json` text; errors name the field that is wrong.
 * @param name file name for messages
 */
export function parseScorecard(text: string, name = 'scorecard.json'): Scorecard {
  let v: Scorecard;
  try { v = JSON.parse(text) as Scorecard; } catch (e) { throw new Error(`${name}: not valid JSON (${(e as Error).message})`); }
  if (!v || !Array.isArray(v.rows)) throw new Error(`${name}: field 'rows' must be an array`);
  v.rows.forEach((r, i) => {
    if (typeof r.model !== 'string' || typeof r.channel !== 'string' || !Number.isInteger(r.lead)) throw new Error(`${name}: rows[${i}] needs model, lead (integer) and channel`);
  });
  return { ...v, format: 'weatherlearn-scorecard', version: 1, metadata: v.metadata ?? {} };
}
