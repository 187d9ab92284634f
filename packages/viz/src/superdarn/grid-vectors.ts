import { recordEndTime, recordTime, type GridRecord } from '@weatherlearn/tensor-io';
import { ColorScale, type ColormapName } from '../color/colormap.js';
import { drawColorbar, type Box } from '../plot/axes.js';
import { utcString } from '../plot/format.js';
import { Svg } from '../svg/svg.js';
import { drawMagneticFrame, drawVector } from './magnetic.js';

/** Options of {@link plotGridVectors}. */
export interface GridVectorOptions {
  /** Lowest |mlat| shown (default: 5° below the lowest vector, at most 50°). */
  latMin?: number;
  /** Colour range of |v| (m/s). */
  speedRange: [number, number];
  cmap: ColormapName;
  /** MLT of magnetic longitude 0 (hours) to draw in MLT; default: magnetic longitude frame. */
  mltOfMlon0?: number;
  width: number;
  height: number;
}

/** Defaults of {@link GridVectorOptions}. */
export const DEFAULT_GRID_VECTOR_OPTIONS: GridVectorOptions = { speedRange: [0, 1000], cmap: 'viridis', width: 740, height: 680 };

/**
 * GRID vectors: each gridded line-of-sight velocity drawn at its (mlat, mlon) along its azimuth
 * `vector.kvect` (reversed for negative velocities), length ∝ |v|, coloured by |v|.
 */
export function plotGridVectors(grid: GridRecord, options: Partial<GridVectorOptions> = {}): { svg: string; vectors: number } {
  const o = { ...DEFAULT_GRID_VECTOR_OPTIONS, ...options };
  const lat = grid['vector.mlat'], lon = grid['vector.mlon'], kv = grid['vector.kvect'], vel = grid['vector.vel.median'];
  const n = lat?.length ?? 0;
  for (const [name, a] of [['vector.mlon', lon], ['vector.kvect', kv], ['vector.vel.median', vel]] as const) {
    if (n && (!a || a.length !== n)) throw new Error(`GRID record ${grid.record.index ?? '?'}: field ${name} missing or not ${n} long`);
  }
  let lowest = 90, south = 0;
  for (let i = 0; i < n; i++) { lowest = Math.min(lowest, Math.abs(lat![i]!)); if (lat![i]! < 0) south++; }
  const hemisphere: 1 | -1 = south > n / 2 ? -1 : 1;
  const latMin = o.latMin ?? Math.min(70, Math.max(40, Math.floor(lowest / 5) * 5 - 5));
  const svg = new Svg(o.width, o.height);
  const box: Box = { x: 20, y: 46, w: o.width - 150, h: o.height - 80 };
  const frame = drawMagneticFrame(svg, box, latMin, hemisphere, o.mltOfMlon0);
  const scale = new ColorScale(o.cmap, ...o.speedRange);
  svg.group({ class: 'vectors' }, (g) => {
    for (let i = 0; i < n; i++) {
      const v = vel![i]!;
      if (!Number.isFinite(v)) continue;
      drawVector(g, frame, lat![i]!, lon![i]!, v >= 0 ? kv![i]! : kv![i]! + 180, v, scale.hex(Math.abs(v)));
    }
  });
  const t0 = recordTime(grid.record), t1 = recordEndTime(grid.record);
  const st = grid.stid ? Array.from(grid.stid).join(', ') : '?';
  svg.text(o.width / 2 - 60, 28, `GRID ${utcString(t0)}${t1 ? `–${utcString(t1).slice(11, 16)}` : ''} UT  stid ${st}`, { anchor: 'middle', size: 15, weight: 'bold' });
  svg.text(box.x, box.y + box.h + 22, `${n} line-of-sight vectors; ${o.mltOfMlon0 === undefined ? 'magnetic longitude frame' : 'MLT frame'}`, { size: 12 });
  drawColorbar(svg, { x: box.x + box.w + 24, y: box.y + 40, w: 18, h: box.h - 100 }, scale, 'LOS speed |v| (m/s)');
  return { svg: svg.toString(), vectors: n };
}
