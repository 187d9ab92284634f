import { ColorScale, finiteRange, rgbHex } from '../color/colormap.js';
import { boxScales, drawAxes, type Box } from '../plot/axes.js';
import { fmt, Svg } from '../svg/svg.js';

/** The fields of a scorecard row these plots read (`@weatherlearn/evaluate`'s `ScorecardRow`). */
export interface ScorecardRowLike {
  model: string;
  lead: number;
  channel: string;
  /** Metric fields (`rmse`, `acc`, `skill_vs_persistence`, …) are read by name. */
}

/** Options of {@link plotScorecard} and {@link plotLeadCurves}. */
export interface ScorecardPlotOptions {
  /** Row field drawn: `skill_vs_persistence` (default of the heatmap), `rmse` (of the curves), `acc`, … */
  metric: string;
  title?: string;
  /** Cell size of the heatmap / panel size of the curves, pixels. */
  cell: number;
  panelWidth: number;
  panelHeight: number;
}

/** Defaults of {@link ScorecardPlotOptions}. */
export const DEFAULT_SCORECARD_PLOT_OPTIONS: ScorecardPlotOptions = { metric: 'skill_vs_persistence', cell: 46, panelWidth: 420, panelHeight: 280 };

/** Model/series colours (colour-blind-safe Tableau 10 order). */
export const SERIES_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

const value = (r: ScorecardRowLike, k: string): number => { const v = (r as unknown as Record<string, unknown>)[k]; return typeof v === 'number' ? v : NaN; };
const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
const short = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(2)) : '–');

/**
 * WeatherBench-style scorecard: one heatmap per channel, models down, lead times across, each cell
 * coloured and labelled by `metric`. Skill and ACC use a diverging map centred on 0 (blue = better
 * than the baseline, red = worse); other metrics a sequential map. Empty cells (no score) are grey.
 */
export function plotScorecard(rows: readonly ScorecardRowLike[], options: Partial<ScorecardPlotOptions> = {}): string {
  const o = { ...DEFAULT_SCORECARD_PLOT_OPTIONS, ...options };
  const channels = uniq(rows.map((r) => r.channel)), models = uniq(rows.map((r) => r.model));
  const leads = uniq(rows.map((r) => r.lead)).sort((a, b) => a - b);
  if (!rows.length) return new Svg(420, 60).text(210, 35, 'empty scorecard', { anchor: 'middle', size: 14 }).toString();
  const diverging = /skill|acc/.test(o.metric);
  const all = rows.map((r) => value(r, o.metric));
  let scale: ColorScale;
  if (diverging) { const m = Math.max(1e-9, ...all.filter(Number.isFinite).map(Math.abs)); scale = new ColorScale('coolwarm', -m, m); } else scale = new ColorScale('viridis', ...finiteRange(all));
  const left = 16 + Math.min(200, 8 * Math.max(...models.map((m) => m.length))), top = o.title ? 60 : 36;
  const panelH = 30 + models.length * o.cell + 34;
  const longest = Math.max(o.title?.length ?? 0, ...channels.map((c) => c.length + o.metric.length + 2));
  const svg = new Svg(Math.max(left + leads.length * o.cell + 30, 40 + longest * 8), top + channels.length * panelH);
  if (o.title) svg.text(svg.width / 2, 24, o.title, { anchor: 'middle', size: 15, weight: 'bold' });
  channels.forEach((ch, ci) => {
    const y0 = top + ci * panelH;
    svg.text(left + (leads.length * o.cell) / 2, y0 + 14, `${ch}: ${o.metric}`, { anchor: 'middle', size: 13, weight: 'bold' });
    svg.group({ class: 'scorecard', 'data-channel': ch, 'data-metric': o.metric }, (g) => {
      models.forEach((m, mi) => {
        const y = y0 + 24 + mi * o.cell;
        g.text(left - 8, y + o.cell / 2, m, { anchor: 'end', size: 12, baseline: 'middle' });
        leads.forEach((l, li) => {
          const r = rows.find((q) => q.model === m && q.lead === l && q.channel === ch);
          const v = r ? value(r, o.metric) : NaN;
          const rgb = scale.rgb(diverging ? -v : v);
          const fill = rgb && Number.isFinite(v) ? rgbHex(rgb) : '#dddddd';
          const dark = rgb ? 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 128 : false;
          g.rect(left + li * o.cell, y, o.cell - 2, o.cell - 2, { fill, stroke: 'white' });
          g.text(left + li * o.cell + (o.cell - 2) / 2, y + (o.cell - 2) / 2, short(v), { anchor: 'middle', baseline: 'middle', size: 11, fill: dark ? 'white' : 'black' });
        });
      });
      leads.forEach((l, li) => g.text(left + li * o.cell + o.cell / 2, y0 + 24 + models.length * o.cell + 14, String(l), { anchor: 'middle', size: 11 }));
      g.text(left + (leads.length * o.cell) / 2, y0 + 24 + models.length * o.cell + 28, 'lead (steps)', { anchor: 'middle', size: 11 });
    });
  });
  return svg.toString();
}

/** One panel per channel: `metric` (default `rmse`) against lead time, one line per model, with a legend. */
export function plotLeadCurves(rows: readonly ScorecardRowLike[], options: Partial<ScorecardPlotOptions> = {}): string {
  const o = { ...DEFAULT_SCORECARD_PLOT_OPTIONS, metric: 'rmse', ...options };
  const channels = uniq(rows.map((r) => r.channel)), models = uniq(rows.map((r) => r.model));
  if (!rows.length) return new Svg(420, 60).text(210, 35, 'empty scorecard', { anchor: 'middle', size: 14 }).toString();
  const cols = Math.min(2, channels.length), nRows = Math.ceil(channels.length / cols), legendH = 22 * Math.ceil(models.length / 3) + 10;
  const svg = new Svg(cols * o.panelWidth, nRows * o.panelHeight + legendH);
  channels.forEach((ch, k) => {
    const mine = rows.filter((r) => r.channel === ch);
    const box: Box = { x: (k % cols) * o.panelWidth + 70, y: Math.floor(k / cols) * o.panelHeight + 30, w: o.panelWidth - 95, h: o.panelHeight - 80 };
    const leads = mine.map((r) => r.lead), vals = mine.map((r) => value(r, o.metric)).filter(Number.isFinite);
    const xr: [number, number] = [Math.min(...leads), Math.max(...leads) > Math.min(...leads) ? Math.max(...leads) : Math.min(...leads) + 1];
    let yr = finiteRange(vals);
    if (o.metric === 'rmse' || o.metric === 'mae') yr = [0, yr[1] * 1.05];
    const { sx, sy } = boxScales(box, xr, yr);
    const ticks = uniq(leads).sort((a, b) => a - b);
    drawAxes(svg, box, sx, sy, { title: `${ch}: ${o.metric}`, xlabel: 'lead (steps)', grid: true, ...(ticks.length <= 12 ? { xTicks: ticks } : {}) });
    models.forEach((m, mi) => {
      const pts = mine.filter((r) => r.model === m).sort((a, b) => a.lead - b.lead).map((r) => [r.lead, value(r, o.metric)] as const).filter(([, v]) => Number.isFinite(v));
      const color = SERIES_COLORS[mi % SERIES_COLORS.length]!;
      svg.group({ class: 'lead-curve', 'data-model': m, 'data-channel': ch, 'data-points': pts.length }, (g) => {
        if (pts.length > 1) g.path(pts.map(([x, y], i) => `${i ? 'L' : 'M'}${fmt(sx.map(x))} ${fmt(sy.map(y))}`).join(''), { stroke: color, strokeWidth: 1.8 });
        for (const [x, y] of pts) g.circle(sx.map(x), sy.map(y), 3, { fill: color });
      });
    });
  });
  models.forEach((m, mi) => {
    const x = 20 + (mi % 3) * (svg.width / 3), y = nRows * o.panelHeight + 16 + Math.floor(mi / 3) * 22;
    svg.rect(x, y - 6, 18, 4, { fill: SERIES_COLORS[mi % SERIES_COLORS.length]! });
    svg.text(x + 24, y, m, { size: 12, baseline: 'middle' });
  });
  return svg.toString();
}
