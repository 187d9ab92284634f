import { toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { ColorScale, finiteRange, symmetricRange, type ColormapName } from '../color/colormap.js';
import { drawImagePanel } from '../plot/panel.js';
import { Svg } from '../svg/svg.js';

/** Options of {@link plotChannels} and {@link plotForecast}. */
export interface SampleOptions {
  /** Channel names (default `channel 0`, …). */
  names?: string[];
  cmap: ColormapName;
  /** Diverging map of differences. */
  diffCmap: ColormapName;
  /** Panel size in pixels. */
  panel: number;
  /** Larger images are block-averaged down to this many pixels per side. */
  maxSide: number;
  /** Panels per row (plotChannels). */
  columns: number;
  title?: string;
  /**
   * Observed cells of the truth (`H·W`, 1 = observed): cells without a measurement are drawn
   * grey ("no data") in every panel and left out of the RMSE, instead of painting them as values.
   */
  mask?: ArrayLike<number>;
  /** Units per channel (default from the channel name, see {@link channelUnit}). */
  units?: string[];
}

/** Defaults of {@link SampleOptions}. */
export const DEFAULT_SAMPLE_OPTIONS: SampleOptions = { cmap: 'viridis', diffCmap: 'coolwarm', panel: 220, maxSide: 512, columns: 4 };

/** Colour of cells without a measurement. */
export const NO_DATA_COLOR = [200, 200, 200, 255] as const;

/**
 * The physical unit of a SuperDARN channel name: velocities and spectral widths `m/s`, powers `dB`,
 * angles `deg`, counts none (`''`).
 */
export function channelUnit(name: string): string {
  const base = name.replace(/\.(median|sd|mean)$/, '').replace(/_e$/, '');
  return ({ vel: 'm/s', v: 'm/s', wdt: 'm/s', w_l: 'm/s', pwr: 'dB', p_l: 'dB', elv: 'deg', kvect: 'deg' } as Record<string, string>)[base] ?? '';
}

/**
 * Block-averages an (H, W) image so that neither side exceeds `maxSide` (NaN-aware); returns the
 * values and new size (unchanged when already small enough).
 */
export function shrinkImage(v: Float32Array, H: number, W: number, maxSide: number): { v: Float32Array; H: number; W: number } {
  const f = Math.ceil(Math.max(H, W) / maxSide);
  if (f <= 1) return { v, H, W };
  const h = Math.ceil(H / f), w = Math.ceil(W / f);
  const out = new Float32Array(h * w);
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
    let s = 0, n = 0;
    for (let a = i * f; a < Math.min(H, (i + 1) * f); a++) for (let b = j * f; b < Math.min(W, (j + 1) * f); b++) { const x = v[a * W + b]!; if (Number.isFinite(x)) { s += x; n++; } }
    out[i * w + j] = n ? s / n : NaN;
  }
  return { v: out, H: h, W: w };
}

/** Shape [C, H, W] of a (C, H, W), (1, C, H, W) or (H, W) tensor, with a clear error otherwise. */
export function chwShape(t: Tensor, what = 'tensor'): [number, number, number] {
  const s = t.shape.length === 4 && t.shape[0] === 1 ? t.shape.slice(1) : t.shape.length === 2 ? [1, ...t.shape] : t.shape;
  if (s.length !== 3 || s.some((d) => !(d! > 0))) throw new Error(`${what}: expected shape (C, H, W), (1, C, H, W) or (H, W), got (${t.shape.join(', ')})`);
  return s as [number, number, number];
}

/** Each channel of a (C, H, W) sample as an image, with its own colour range. */
export function plotChannels(t: Tensor, options: Partial<SampleOptions> = {}): string {
  const o = { ...DEFAULT_SAMPLE_OPTIONS, ...options };
  const [C, H, W] = chwShape(t, 'plotChannels');
  const data = toFloat32(t);
  const cols = Math.min(o.columns, C), rows = Math.ceil(C / cols);
  const top = o.title ? 34 : 8;
  const svg = new Svg(cols * (o.panel + 16) + 16, rows * (o.panel + 16) + top);
  if (o.title) svg.text(svg.width / 2, 22, o.title, { anchor: 'middle', size: 15, weight: 'bold' });
  for (let c = 0; c < C; c++) {
    const s = shrinkImage(data.subarray(c * H * W, (c + 1) * H * W), H, W, o.maxSide);
    const scale = new ColorScale(o.cmap, ...finiteRange(s.v));
    drawImagePanel(svg, { x: 16 + (c % cols) * (o.panel + 16), y: top + Math.floor(c / cols) * (o.panel + 16), w: o.panel, h: o.panel }, s.v, s.H, s.W, scale, o.names?.[c] ?? `channel ${c}`);
  }
  return svg.toString();
}

/**
 * Forecast vs truth: one row per channel with truth, prediction (sharing one colour range) and
 * prediction − truth on a symmetric diverging map; RMSE per channel in the difference title.
 */
export function plotForecast(prediction: Tensor, truth: Tensor, options: Partial<SampleOptions> = {}): string {
  const o = { ...DEFAULT_SAMPLE_OPTIONS, ...options };
  const [C, H, W] = chwShape(prediction, 'plotForecast prediction');
  const ts = chwShape(truth, 'plotForecast truth');
  if (ts[0] !== C || ts[1] !== H || ts[2] !== W) throw new Error(`plotForecast: prediction (${[C, H, W].join(', ')}) and truth (${ts.join(', ')}) differ in shape`);
  if (o.mask && o.mask.length !== H * W) throw new Error(`plotForecast: mask has ${o.mask.length} cells, the frames ${H}×${W}`);
  const p = Float32Array.from(toFloat32(prediction)), y = Float32Array.from(toFloat32(truth));
  if (o.mask) for (let c = 0; c < C; c++) for (let i = 0; i < H * W; i++) if (!o.mask[i]) { p[c * H * W + i] = NaN; y[c * H * W + i] = NaN; }
  const nan = o.mask ? NO_DATA_COLOR : ([255, 0, 255, 255] as const);
  const top = o.title ? 34 : 8;
  const svg = new Svg(3 * (o.panel + 16) + 16, C * (o.panel + 16) + top + (o.mask ? 18 : 0));
  if (o.title) svg.text(svg.width / 2, 22, o.title, { anchor: 'middle', size: 15, weight: 'bold' });
  for (let c = 0; c < C; c++) {
    const ps = shrinkImage(p.subarray(c * H * W, (c + 1) * H * W), H, W, o.maxSide);
    const pc = ps.v, yc = shrinkImage(y.subarray(c * H * W, (c + 1) * H * W), H, W, o.maxSide).v;
    const h = ps.H, w = ps.W;
    const diff = pc.map((v, i) => v - yc[i]!);
    const both = new Float32Array(pc.length * 2);
    both.set(pc); both.set(yc, pc.length);
    const scale = new ColorScale(o.cmap, ...finiteRange(both));
    let se = 0, n = 0; // RMSE at full resolution, observed cells only
    for (let i = c * H * W; i < (c + 1) * H * W; i++) { const d = p[i]! - y[i]!; if (Number.isFinite(d)) { se += d * d; n++; } }
    const name = o.names?.[c] ?? `channel ${c}`, unit = o.units?.[c] ?? channelUnit(name), u = unit ? ` (${unit})` : '';
    const row = top + c * (o.panel + 16);
    const box = (i: number) => ({ x: 16 + i * (o.panel + 16), y: row, w: o.panel, h: o.panel });
    drawImagePanel(svg, box(0), yc, h, w, scale, `${name}: truth${u}`, nan);
    drawImagePanel(svg, box(1), pc, h, w, scale, `${name}: prediction${u}`, nan);
    drawImagePanel(svg, box(2), diff, h, w, new ColorScale(o.diffCmap, ...symmetricRange(diff)), `difference (RMSE ${n ? Math.sqrt(se / n).toPrecision(3) : 'n/a'}${unit ? ' ' + unit : ''})`, nan);
  }
  if (o.mask) {
    let seen = 0;
    for (let i = 0; i < H * W; i++) if (o.mask[i]) seen++;
    svg.text(16, svg.height - 6, `grey: no measurement (${((100 * seen) / (H * W)).toFixed(1)} % of cells observed)`, { size: 11, fill: '#555555' });
  }
  return svg.toString();
}
