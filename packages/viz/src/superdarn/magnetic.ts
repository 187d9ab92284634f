import type { Box } from '../plot/axes.js';
import type { Svg } from '../svg/svg.js';
import { destination } from './geolocate.js';
import { capProjection, drawPolarGrid, type PolarProjection } from './polar.js';

/**
 * A magnetic polar frame: the cap poleward of `latMin`, drawn in MLT (midnight at the bottom, noon
 * at the top) when `mltOfMlon0` (the MLT of magnetic longitude 0, a MAP's `mlt.av`) is known,
 * else in magnetic longitude (0° at the bottom).
 */
export interface MagneticFrame {
  projection: PolarProjection;
  /** Pixel [x, y] of a magnetic (lat, lon). */
  xy(mlat: number, mlon: number): [number, number];
}

/** Draws the frame's grid (10° latitude circles, 2 h / 30° meridians with labels) and returns it. */
export function drawMagneticFrame(svg: Svg, box: Box, latMin: number, hemisphere: 1 | -1, mltOfMlon0?: number): MagneticFrame {
  const projection = capProjection(box, latMin, 0, hemisphere);
  const shift = mltOfMlon0 === undefined ? 0 : mltOfMlon0 * 15;
  drawPolarGrid(svg, projection, box, {
    latStep: 10, lonStep: 30, latMin: Math.abs(latMin),
    lonLabel: (lon) => (mltOfMlon0 === undefined ? `${lon}°` : lon % 90 === 0 ? `${String(lon / 15).padStart(2, '0')} MLT` : `${lon / 15}`),
  });
  return { projection, xy: (mlat, mlon) => projection.project(mlat, mlon + shift) };
}

/**
 * Draws a velocity vector from (mlat, mlon) along `azimuth` (degrees from magnetic north):
 * `degPer1000` degrees of arc per 1000 m/s; a dot marks the foot.
 */
export function drawVector(svg: Svg, frame: MagneticFrame, mlat: number, mlon: number, azimuth: number, speed: number, colour: string, degPer1000 = 4): void {
  const [la, lo] = destination(mlat, mlon, azimuth, ((Math.abs(speed) / 1000) * degPer1000 * Math.PI) / 180);
  const [x0, y0] = frame.xy(mlat, mlon);
  const [x1, y1] = frame.xy(la, lo);
  svg.circle(x0, y0, 1.6, { fill: colour });
  svg.line(x0, y0, x1, y1, { stroke: colour, strokeWidth: 1.4 });
}
