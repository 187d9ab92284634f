import { recordTime, type FitacfRecord } from '@weatherlearn/tensor-io';
import { ColorScale, type ColormapName } from '../color/colormap.js';
import { boxScales, drawAxes, drawColorbar, type Box } from '../plot/axes.js';
import { hhmm, utcString } from '../plot/format.js';
import { heatmapDataUri } from '../plot/heatmap.js';
import { Svg } from '../svg/svg.js';
import { KNOWN_RADAR_SITES } from './geolocate.js';
import { FIT_PARAMETERS, GROUND_SCATTER_RGB, type FitParameter } from './params.js';

/** Options of {@link plotRtp}. */
export interface RtpOptions {
  beam: number;
  parameter: FitParameter;
  /** Only records of this channel (default: all). */
  channel?: number;
  /** Shade ground scatter (gflg = 1) grey; default: for velocity only (as pyDARN). */
  groundScatter?: boolean;
  range?: [number, number];
  cmap?: ColormapName;
  /** A record covers the time until the next one of the beam, at most this many seconds. */
  maxGapSeconds: number;
  width: number;
  height: number;
  title?: string;
}

/** Defaults of {@link RtpOptions}. */
export const DEFAULT_RTP_OPTIONS: RtpOptions = { beam: 7, parameter: 'v', maxGapSeconds: 180, width: 900, height: 420 };

const TICK_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

/** Time ticks (ms) on round minutes, about `count` of them. */
export function timeTicks(t0: number, t1: number, count = 6): number[] {
  const span = (t1 - t0) / 60000;
  const step = (TICK_MINUTES.find((m) => span / m <= count) ?? 1440) * 60000;
  const out: number[] = [];
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(t);
  return out;
}

/**
 * Range–time plot of one beam of a FITACF file: `parameter` against time (x) and range gate (y),
 * ground scatter (gflg = 1) grey, no data white, with a colour bar and units. The cells are one
 * embedded PNG (one pixel column per screen pixel), so long files stay small.
 */
export function plotRtp(records: readonly FitacfRecord[], options: Partial<RtpOptions> = {}): { svg: string; records: number; box: Box; t0: number; t1: number; scale: ColorScale } {
  const o = { ...DEFAULT_RTP_OPTIONS, ...options };
  const info = FIT_PARAMETERS[o.parameter];
  const shadeGround = o.groundScatter ?? o.parameter === 'v';
  const sel = records.filter((r) => (r.bmnum ?? -1) === o.beam && (o.channel === undefined || (r.channel ?? 0) === o.channel));
  if (!sel.length) {
    const beams = [...new Set(records.map((r) => r.bmnum))].sort((a, b) => (a ?? 0) - (b ?? 0));
    throw new Error(`plotRtp: no records for beam ${o.beam}${o.channel === undefined ? '' : ` channel ${o.channel}`} (beams present: ${beams.join(', ') || 'none'})`);
  }
  const times = sel.map((r) => recordTime(r.record).getTime());
  const nrang = Math.max(...sel.map((r) => r.nrang ?? 0), ...sel.map((r) => (r.slist?.length ? Math.max(...r.slist) + 1 : 0)), 1);
  const t0 = times[0]!, t1 = Math.max(times[times.length - 1]! + 1000, t0 + 60000);
  const box: Box = { x: 70, y: 40, w: o.width - 215, h: o.height - 100 };
  const cols = Math.max(1, Math.round(box.w));
  const scale = new ColorScale(o.cmap ?? info.cmap, ...(o.range ?? info.range));
  const values = new Float64Array(cols * nrang).fill(NaN);
  const ground = new Uint8Array(cols * nrang);
  let k = 0;
  for (let c = 0; c < cols; c++) {
    const t = t0 + ((c + 0.5) / cols) * (t1 - t0);
    while (k + 1 < sel.length && times[k + 1]! <= t) k++;
    const end = Math.min(k + 1 < sel.length ? times[k + 1]! : t1, times[k]! + o.maxGapSeconds * 1000);
    if (t < times[k]! || t >= end) continue;
    const r = sel[k]!, vals = r[o.parameter], slist = r.slist;
    if (!vals || !slist) continue;
    for (let i = 0; i < slist.length; i++) {
      const g = slist[i]!;
      if (g < 0 || g >= nrang) continue;
      const cell = (nrang - 1 - g) * cols + c;
      values[cell] = vals[i]!;
      if (shadeGround && (r.gflg?.[i] ?? 0) === 1) ground[cell] = 1;
    }
  }
  const gs = [GROUND_SCATTER_RGB[0], GROUND_SCATTER_RGB[1], GROUND_SCATTER_RGB[2], 255] as const;
  const uri = heatmapDataUri(values, cols, nrang, scale, (i) => (ground[i] ? gs : undefined));
  const svg = new Svg(o.width, o.height);
  svg.image(box.x, box.y, box.w, box.h, uri);
  const { sx, sy } = boxScales(box, [t0, t1], [0, nrang]);
  const stid = sel[0]!.stid;
  const name = KNOWN_RADAR_SITES[stid]?.code ?? `stid ${stid}`;
  drawAxes(svg, box, sx, sy, {
    title: o.title ?? `${name} beam ${o.beam}  ${utcString(new Date(t0)).slice(0, 10)}  ${info.label}`,
    xlabel: `Time (UT) ${hhmm(t0)}–${hhmm(t1)}`, ylabel: 'Range gate', xTicks: timeTicks(t0, t1, Math.round(box.w / 110)), xFormat: hhmm,
  });
  const cb: Box = { x: box.x + box.w + 20, y: box.y, w: 16, h: box.h - 40 };
  drawColorbar(svg, cb, scale, `${info.label} (${info.unit})`);
  if (shadeGround) {
    svg.rect(cb.x, cb.y + cb.h + 16, 16, 12, { fill: 'rgb(128,128,128)', stroke: 'black' });
    svg.text(cb.x + 22, cb.y + cb.h + 26, 'ground scatter', { size: 11 });
  }
  return { svg: svg.toString(), records: sel.length, box, t0, t1, scale };
}
