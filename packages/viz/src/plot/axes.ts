import type { ColorScale } from '../color/colormap.js';
import type { Svg } from '../svg/svg.js';
import { heatmapDataUri } from './heatmap.js';
import { formatTick, LinearScale, niceTicks } from './scale.js';

/** A rectangle in pixels. */
export interface Box { x: number; y: number; w: number; h: number }

/** Labels and ticks of {@link drawAxes}. */
export interface AxesOptions {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  /** Explicit x ticks (data values); default: nice ticks. */
  xTicks?: number[];
  yTicks?: number[];
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  /** Light grid lines at the ticks. */
  grid?: boolean;
}

/** x/y scales of a plot box for the given data ranges (y grows upwards). */
export function boxScales(box: Box, x: [number, number], y: [number, number]): { sx: LinearScale; sy: LinearScale } {
  return { sx: new LinearScale(x[0], x[1], box.x, box.x + box.w), sy: new LinearScale(y[0], y[1], box.y + box.h, box.y) };
}

/** Draws a framed axes box with ticks, tick labels, axis labels and a title. */
export function drawAxes(svg: Svg, box: Box, sx: LinearScale, sy: LinearScale, o: AxesOptions = {}): void {
  const xt = o.xTicks ?? niceTicks(sx.d0, sx.d1, Math.max(2, Math.round(box.w / 90)));
  const yt = o.yTicks ?? niceTicks(sy.d0, sy.d1, Math.max(2, Math.round(box.h / 50)));
  const inX = (v: number): boolean => { const p = sx.map(v); return p >= box.x - 0.5 && p <= box.x + box.w + 0.5; };
  const inY = (v: number): boolean => { const p = sy.map(v); return p >= box.y - 0.5 && p <= box.y + box.h + 0.5; };
  svg.group({ class: 'axes' }, (s) => {
    for (const v of xt.filter(inX)) {
      const p = sx.map(v);
      if (o.grid) s.line(p, box.y, p, box.y + box.h, { stroke: '#dddddd', strokeWidth: 1 });
      s.line(p, box.y + box.h, p, box.y + box.h + 5, { stroke: 'black' });
      s.text(p, box.y + box.h + 18, (o.xFormat ?? formatTick)(v), { anchor: 'middle', size: 11 });
    }
    for (const v of yt.filter(inY)) {
      const p = sy.map(v);
      if (o.grid) s.line(box.x, p, box.x + box.w, p, { stroke: '#dddddd', strokeWidth: 1 });
      s.line(box.x - 5, p, box.x, p, { stroke: 'black' });
      s.text(box.x - 8, p, (o.yFormat ?? formatTick)(v), { anchor: 'end', size: 11, baseline: 'middle' });
    }
    s.rect(box.x, box.y, box.w, box.h, { fill: 'none', stroke: 'black', strokeWidth: 1 });
    if (o.xlabel) s.text(box.x + box.w / 2, box.y + box.h + 38, o.xlabel, { anchor: 'middle', size: 12 });
    if (o.ylabel) s.text(box.x - 48, box.y + box.h / 2, o.ylabel, { anchor: 'middle', size: 12, rotate: -90 });
    if (o.title) s.text(box.x + box.w / 2, box.y - 10, o.title, { anchor: 'middle', size: 14, weight: 'bold' });
  });
}

/** Draws a vertical colour bar with ticks and a label (e.g. `Velocity (m/s)`). */
export function drawColorbar(svg: Svg, box: Box, scale: ColorScale, label: string, ticks?: number[]): void {
  const n = 256;
  const vals = new Float64Array(n);
  for (let i = 0; i < n; i++) vals[i] = scale.vmax - ((i + 0.5) / n) * (scale.vmax - scale.vmin);
  const sy = new LinearScale(scale.vmin, scale.vmax, box.y + box.h, box.y);
  svg.group({ class: 'colorbar' }, (s) => {
    s.image(box.x, box.y, box.w, box.h, heatmapDataUri(vals, 1, n, scale));
    s.rect(box.x, box.y, box.w, box.h, { fill: 'none', stroke: 'black' });
    for (const v of ticks ?? niceTicks(scale.vmin, scale.vmax, Math.max(2, Math.round(box.h / 45)))) {
      const p = sy.map(v);
      s.line(box.x + box.w, p, box.x + box.w + 4, p, { stroke: 'black' });
      s.text(box.x + box.w + 7, p, formatTick(v), { size: 11, baseline: 'middle' });
    }
    s.text(box.x + box.w + 52, box.y + box.h / 2, label, { anchor: 'middle', size: 12, rotate: 90 });
  });
}
