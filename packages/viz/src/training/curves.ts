import { readFile } from 'node:fs/promises';
import { boxScales, drawAxes, type Box } from '../plot/axes.js';
import { formatTick } from '../plot/scale.js';
import { fmt, Svg } from '../svg/svg.js';

/** One metrics line of a run: the step and every numeric metric (non-finite values as NaN). */
export interface MetricRow { step: number; values: Record<string, number> }

/** Keys of a jsonl line that are not metrics. */
const NOT_METRICS = new Set(['step', 'time', 'epoch_time', 'timestamp']);

/**
 * Parses `metrics.jsonl` text (the jsonl logger's `{"step", "time", …metrics}` lines; non-finite
 * numbers written as the strings "NaN"/"Infinity"). Blank lines are skipped; a bad line is an
 * error naming `name`:line.
 */
export function parseMetricsJsonl(text: string, name = 'metrics.jsonl'): MetricRow[] {
  const rows: MetricRow[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let obj: unknown;
    try { obj = JSON.parse(line); } catch (e) { throw new Error(`${name}:${i + 1}: not JSON (${(e as Error).message})`); }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new Error(`${name}:${i + 1}: expected an object`);
    const o = obj as Record<string, unknown>;
    if (typeof o.step !== 'number' || !Number.isFinite(o.step)) throw new Error(`${name}:${i + 1}: field step missing or not a number`);
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(o)) {
      if (NOT_METRICS.has(k)) continue;
      if (typeof v === 'number') values[k] = v;
      else if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') values[k] = Number(v);
    }
    rows.push({ step: o.step, values });
  });
  return rows;
}

/** Reads and parses a metrics.jsonl file. */
export async function readMetricsJsonl(path: string): Promise<MetricRow[]> {
  return parseMetricsJsonl(await readFile(path, 'utf8'), path);
}

/** The metric names of some rows, losses first, then alphabetical. */
export function metricNames(rows: readonly MetricRow[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.values)) names.add(k);
  return [...names].sort((a, b) => Number(!/loss/i.test(a)) - Number(!/loss/i.test(b)) || a.localeCompare(b));
}

/** Options of {@link plotCurves}. */
export interface CurveOptions {
  /** Metrics to draw (default: all, losses first). */
  metrics?: string[];
  /** Log-scale y for metrics whose values are all > 0 and whose name contains "loss". */
  logLoss: boolean;
  columns: number;
  panelWidth: number;
  panelHeight: number;
}

/** Defaults of {@link CurveOptions}. */
export const DEFAULT_CURVE_OPTIONS: CurveOptions = { logLoss: true, columns: 2, panelWidth: 440, panelHeight: 260 };

/** One panel per metric: value against step (non-finite values break the line and are marked ×). */
export function plotCurves(rows: readonly MetricRow[], options: Partial<CurveOptions> = {}): string {
  const o = { ...DEFAULT_CURVE_OPTIONS, ...options };
  const names = o.metrics ?? metricNames(rows);
  if (!names.length) return new Svg(420, 60).text(210, 35, 'no metrics logged', { anchor: 'middle', size: 14 }).toString();
  const cols = Math.min(o.columns, names.length), nRows = Math.ceil(names.length / cols);
  const svg = new Svg(cols * o.panelWidth, nRows * o.panelHeight);
  names.forEach((name, k) => {
    const pts = rows.filter((r) => name in r.values).map((r) => [r.step, r.values[name]!] as const);
    const finite = pts.filter(([, v]) => Number.isFinite(v));
    const log = o.logLoss && /loss/i.test(name) && finite.length > 0 && finite.every(([, v]) => v > 0);
    const tf = (v: number): number => (log ? Math.log10(v) : v);
    const box: Box = { x: (k % cols) * o.panelWidth + 70, y: Math.floor(k / cols) * o.panelHeight + 30, w: o.panelWidth - 95, h: o.panelHeight - 80 };
    const xs = pts.map(([s]) => s), ys = finite.map(([, v]) => tf(v));
    const xr: [number, number] = xs.length ? [Math.min(...xs), Math.max(...xs) === Math.min(...xs) ? Math.min(...xs) + 1 : Math.max(...xs)] : [0, 1];
    let yr: [number, number] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
    if (yr[0] === yr[1]) yr = [yr[0] - 0.5, yr[1] + 0.5];
    const m = (yr[1] - yr[0]) * 0.05;
    const { sx, sy } = boxScales(box, xr, [yr[0] - m, yr[1] + m]);
    const decades = log ? intTicks(yr[0] - m, yr[1] + m) : [];
    drawAxes(svg, box, sx, sy, {
      title: log ? `${name} (log scale)` : name, xlabel: 'step', grid: true,
      ...(log ? { yFormat: (v: number) => formatTick(Number((10 ** v).toPrecision(3))), ...(decades.length ? { yTicks: decades } : {}) } : {}),
    });
    // Split into runs of finite values.
    const runs: [number, number][][] = [[]];
    for (const [s, v] of pts) { if (Number.isFinite(v)) runs[runs.length - 1]!.push([sx.map(s), sy.map(tf(v))]); else if (runs[runs.length - 1]!.length) runs.push([]); }
    svg.group({ class: 'curve', 'data-metric': name, 'data-points': finite.length }, (g) => {
      for (const r of runs) {
        if (r.length === 1) g.circle(r[0]![0], r[0]![1], 2, { fill: '#1f5fa8' });
        else g.path(r.map(([x, y], i) => `${i ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`).join(''), { stroke: '#1f5fa8', strokeWidth: 1.6 });
      }
      for (const [s, v] of pts) if (!Number.isFinite(v)) g.text(sx.map(s), box.y + box.h - 4, '×', { anchor: 'middle', size: 12, fill: '#b2182b' });
    });
  });
  return svg.toString();
}

function intTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(lo); v <= Math.floor(hi); v++) out.push(v);
  return out.length >= 2 ? out : [];
}
