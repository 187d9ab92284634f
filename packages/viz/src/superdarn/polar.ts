import type { Box } from '../plot/axes.js';
import type { Svg } from '../svg/svg.js';

/**
 * An azimuthal-equidistant polar projection centred on a pole: radius ∝ colatitude, the meridian
 * `lonBottom` (degrees; 0 for MLT midnight) pointing down. North: seen from above the pole (east
 * counter-clockwise); south: seen through the Earth from the north, so both look alike.
 */
export class PolarProjection {
  constructor(
    readonly cx: number, readonly cy: number,
    /** Pixels per degree of colatitude. */
    readonly k: number,
    readonly lonBottom = 0,
    readonly hemisphere: 1 | -1 = 1,
  ) {}

  /** Pixel [x, y] of a point (degrees). */
  project(lat: number, lon: number): [number, number] {
    const colat = 90 - this.hemisphere * lat;
    const t = ((lon - this.lonBottom) * Math.PI) / 180;
    return [this.cx + this.k * colat * Math.sin(t), this.cy + this.k * colat * Math.cos(t)];
  }

  /** Pixel [x, y] at `r` pixels from the pole along meridian `lon`. */
  atRadius(r: number, lon: number): [number, number] {
    const t = ((lon - this.lonBottom) * Math.PI) / 180;
    return [this.cx + r * Math.sin(t), this.cy + r * Math.cos(t)];
  }

  /** Pixel radius of a latitude circle. */
  radius(lat: number): number {
    return this.k * (90 - this.hemisphere * lat);
  }
}

/** A projection showing the whole cap poleward of `latMin` (absolute degrees) inside `box`. */
export function capProjection(box: Box, latMin: number, lonBottom = 0, hemisphere: 1 | -1 = 1): PolarProjection {
  const k = (Math.min(box.w, box.h) / 2 - 24) / (90 - Math.abs(latMin));
  return new PolarProjection(box.x + box.w / 2, box.y + box.h / 2, k, lonBottom, hemisphere);
}

/** A projection zoomed so that every point (lat, lon) fits inside `box` with a margin. */
export function fitProjection(points: ReadonlyArray<readonly [number, number]>, box: Box, lonBottom: number, hemisphere: 1 | -1 = 1, margin = 0.06): PolarProjection {
  if (points.length === 0) return capProjection(box, 50, lonBottom, hemisphere);
  const unit = new PolarProjection(0, 0, 1, lonBottom, hemisphere);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [la, lo] of points) {
    const [x, y] = unit.project(la, lo);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const w = Math.max(x1 - x0, 1e-6), h = Math.max(y1 - y0, 1e-6);
  const k = Math.min((box.w * (1 - 2 * margin)) / w, (box.h * (1 - 2 * margin)) / h);
  return new PolarProjection(box.x + box.w / 2 - k * (x0 + x1) / 2, box.y + box.h / 2 - k * (y0 + y1) / 2, k, lonBottom, hemisphere);
}

/** Options of {@link drawPolarGrid}. */
export interface PolarGridOptions {
  latStep: number;
  lonStep: number;
  /** Lowest |latitude| drawn. */
  latMin: number;
  /** Label of a meridian (e.g. `12 MLT` or `90°E`); none when it returns ''. */
  lonLabel: (lon: number) => string;
}

/** Draws latitude circles and meridians (clipped to `box`) with labels: a coastline-free lat/lon grid. */
export function drawPolarGrid(svg: Svg, proj: PolarProjection, box: Box, o: PolarGridOptions): void {
  const h = proj.hemisphere;
  const inside = ([x, y]: [number, number], m: number): boolean => x > box.x + m && x < box.x + box.w - m && y > box.y + m && y < box.y + box.h - m;
  const lats: number[] = [];
  for (let lat = Math.ceil(o.latMin / o.latStep) * o.latStep; lat < 90; lat += o.latStep) lats.push(lat);
  svg.clipped(box.x, box.y, box.w, box.h, (s) => s.group({ class: 'polar-grid' }, (g) => {
    for (const lat of lats) g.circle(proj.cx, proj.cy, proj.radius(h * lat), { fill: 'none', stroke: '#b0b0b0', strokeWidth: 0.8, strokeDasharray: '3,3' });
    for (let lon = 0; lon < 360; lon += o.lonStep) {
      const [x0, y0] = proj.project(h * 90, lon);
      const [x1, y1] = proj.project(h * o.latMin, lon);
      g.line(x0, y0, x1, y1, { stroke: '#b0b0b0', strokeWidth: 0.8, strokeDasharray: '3,3' });
    }
  }));
  // Latitude labels at the leftmost visible point of each circle.
  for (const lat of lats) {
    let best: [number, number] | undefined;
    for (let lon = 0; lon < 360; lon += 1) {
      const p = proj.project(h * lat, lon);
      if (inside(p, 14) && (!best || p[0] < best[0])) best = p;
    }
    if (best) svg.text(best[0] + 2, best[1] - 2, `${h * lat}°`, { size: 10, fill: '#555555' });
  }
  // Meridian labels just outside the lowest circle when visible, else where the meridian enters the box.
  for (let lon = 0; lon < 360; lon += o.lonStep) {
    const label = o.lonLabel(lon);
    if (!label) continue;
    let p = proj.atRadius(proj.radius(h * o.latMin) + 14, lon);
    if (!inside(p, 8)) {
      const r0 = proj.radius(h * o.latMin);
      let found: [number, number] | undefined;
      for (let r = r0; r >= 0; r -= 2) { const q = proj.atRadius(r, lon); if (inside(q, 12)) { found = q; break; } }
      if (!found) continue;
      p = found;
    }
    svg.text(p[0], p[1], label, { size: 11, anchor: 'middle', baseline: 'middle', fill: '#333333' });
  }
}
