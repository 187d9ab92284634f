import { recordEndTime, recordTime, type MapRecord } from '@weatherlearn/tensor-io';
import { ColorScale } from '../color/colormap.js';
import { drawColorbar, type Box } from '../plot/axes.js';
import { contourLevels, joinSegments, marchingSquares } from '../plot/contour.js';
import { utcString } from '../plot/format.js';
import { Svg, fmt } from '../svg/svg.js';
import { drawMagneticFrame, drawVector } from './magnetic.js';
import { mapPotentialModel } from './potential.js';
import { crossPolarCapPotential, mapDrift, potentialGrid, type PotentialGrid } from './potential-grid.js';

/** Options of {@link plotConvectionMap}. */
export interface ConvectionOptions {
  /** Contour spacing (volts). */
  contourStep: number;
  /** Lowest latitude shown (default: the fit's latmin − 2°). */
  latMin?: number;
  /** Speed range of the vector colour bar (m/s). */
  speedRange: [number, number];
  /** Draw the fitted (E×B) velocity at each gridded vector position. */
  vectors: boolean;
  width: number;
  height: number;
}

/** Defaults of {@link ConvectionOptions}: 3 kV contours, 0..1000 m/s vectors. */
export const DEFAULT_CONVECTION_OPTIONS: ConvectionOptions = { contourStep: 3000, speedRange: [0, 1000], vectors: true, width: 760, height: 720 };

/** The SVG plus the numbers printed on it. */
export interface ConvectionPlot {
  svg: string;
  grid: PotentialGrid;
  /** Cross-polar-cap potential of the evaluated field (V). */
  potentialDrop: number;
  /** The file's `pot.drop` (V), when present. */
  filePotentialDrop?: number;
  contours: number;
}

/**
 * Convection map of a MAP record: potential contours evaluated from the spherical-harmonic
 * coefficients (positive solid red, negative dashed blue), the fitted E×B velocities at the
 * gridded vector positions, the Heppner–Maynard boundary, max/min markers and the
 * cross-polar-cap potential printed (evaluated and the file's `pot.drop`). MLT frame from `mlt.av`.
 */
export function plotConvectionMap(map: MapRecord, options: Partial<ConvectionOptions> = {}): ConvectionPlot {
  const o = { ...DEFAULT_CONVECTION_OPTIONS, ...options };
  const model = mapPotentialModel(map);
  const grid = potentialGrid(model, 0.5, 1);
  const drop = crossPolarCapPotential(grid);
  const svg = new Svg(o.width, o.height);
  const box: Box = { x: 30, y: 50, w: o.width - 170, h: o.height - 100 };
  const latMin = o.latMin ?? Math.max(40, model.latmin - 2);
  const frame = drawMagneticFrame(svg, box, latMin, model.hemisphere, map['mlt.av']);
  const h = model.hemisphere;
  const nLat = grid.lats.length, nLon = grid.lons.length;
  const toXY = ([r, c]: [number, number]): [number, number] => {
    const lat = grid.lats[0]! + (r / (nLat - 1)) * (grid.lats[nLat - 1]! - grid.lats[0]!);
    const lon = grid.lons[0]! + (c / (nLon - 1)) * (grid.lons[nLon - 1]! - grid.lons[0]!);
    return frame.xy(h * lat, lon);
  };
  let contours = 0;
  svg.group({ class: 'contours' }, (g) => {
    for (const level of contourLevels(grid.min.value, grid.max.value, o.contourStep, true)) {
      const segs = marchingSquares(grid.values, nLat, nLon, level);
      if (!segs.length) continue;
      contours++;
      // One path per connected line, so the dash pattern of negative contours runs continuously.
      for (const line of joinSegments(segs, nLon)) {
        const d = line.map((p, i) => { const [x, y] = toXY(p); return `${i ? 'L' : 'M'}${fmt(x)} ${fmt(y)}`; }).join('');
        const style = level > 0 ? { stroke: '#b2182b', strokeWidth: 1.2 } : { stroke: '#2166ac', strokeWidth: 1.2, strokeDasharray: '5,3' };
        g.path(d, { ...style, attrs: { 'data-level': String(level) } });
      }
    }
  });
  const bl = map['boundary.mlat'], bo = map['boundary.mlon'];
  if (bl && bo && bl.length > 1) {
    const pts = Array.from(bl, (la, i) => frame.xy(la, bo[i]!));
    svg.polyline([...pts, pts[0]!], { stroke: '#1a9850', strokeWidth: 2 });
  }
  const speed = new ColorScale('viridis', ...o.speedRange);
  const vl = map['vector.mlat'], vo = map['vector.mlon'];
  if (o.vectors && vl && vo) {
    svg.group({ class: 'vectors' }, (g) => {
      for (let i = 0; i < vl.length; i++) {
        const v = mapDrift(model, vl[i]!, vo[i]!);
        drawVector(g, frame, vl[i]!, vo[i]!, v.azimuth, v.speed, speed.hex(v.speed));
      }
    });
  }
  const [mx, my] = frame.xy(h * grid.max.lat, grid.max.lon);
  const [nx, ny] = frame.xy(h * grid.min.lat, grid.min.lon);
  svg.text(mx, my, '+', { anchor: 'middle', baseline: 'middle', size: 22, weight: 'bold', fill: '#b2182b' });
  svg.text(nx, ny, '×', { anchor: 'middle', baseline: 'middle', size: 22, weight: 'bold', fill: '#2166ac' });
  const t0 = recordTime(map.record), t1 = recordEndTime(map.record);
  svg.text(o.width / 2 - 60, 28, `Convection ${utcString(t0)}${t1 ? `–${utcString(t1).slice(11, 16)}` : ''} UT  ${h > 0 ? 'north' : 'south'}`, { anchor: 'middle', size: 15, weight: 'bold' });
  const kv = (v: number): string => `${(v / 1000).toFixed(1)} kV`;
  const fileDrop = map['pot.drop'];
  const lines = [
    `Φpc = ${kv(drop)} (file pot.drop ${fileDrop === undefined ? 'n/a' : kv(fileDrop)})`,
    `max ${kv(grid.max.value)} (+)  min ${kv(grid.min.value)} (×)`,
    `fit order ${model.order}, latmin ${model.latmin}°, ${vl?.length ?? 0} vectors${map['model.name'] ? `, model ${map['model.name']}` : ''}`,
  ];
  lines.forEach((l, i) => svg.text(box.x, box.y + box.h + 18 + i * 15, l, { size: 12, attrs: { class: i === 0 ? 'potential-drop' : 'info' } }));
  drawColorbar(svg, { x: box.x + box.w + 30, y: box.y + 40, w: 18, h: box.h - 120 }, speed, 'Fitted speed (m/s)');
  svg.text(box.x + box.w + 20, box.y + box.h - 50, '— + kV contours', { size: 11, fill: '#b2182b' });
  svg.text(box.x + box.w + 20, box.y + box.h - 34, '-- − kV contours', { size: 11, fill: '#2166ac' });
  svg.text(box.x + box.w + 20, box.y + box.h - 18, '— HM boundary', { size: 11, fill: '#1a9850' });
  return { svg: svg.toString(), grid, potentialDrop: drop, ...(fileDrop === undefined ? {} : { filePotentialDrop: fileDrop }), contours };
}
