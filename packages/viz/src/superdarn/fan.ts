import { recordTime, type FitacfRecord } from '@weatherlearn/tensor-io';
import { ColorScale, rgbHex, type ColormapName } from '../color/colormap.js';
import { drawColorbar, type Box } from '../plot/axes.js';
import { utcString } from '../plot/format.js';
import { Svg } from '../svg/svg.js';
import { AacgmGeolocator, beamAzimuth, NETWORK_HARDWARE, radarHardware, type RadarHardware } from '@weatherlearn/superdarn/geometry';
import { DEFAULT_GEOLOCATION, gateCell, type RadarSite } from './geolocate.js';
import { FIT_PARAMETERS, GROUND_SCATTER_RGB, type FitParameter } from './params.js';
import { drawPolarGrid, fitProjection, type PolarProjection } from './polar.js';
import { beamSeparation } from './scans.js';

/** Options of {@link plotFan}. */
export interface FanOptions {
  parameter: FitParameter;
  /** Radar site; default: from `hardware` by the records' `stid` and time. */
  site?: RadarSite;
  /** Hardware table (default: the whole network, `NETWORK_HARDWARE` of @weatherlearn/superdarn/geometry). */
  hardware?: readonly RadarHardware[];
  /** Beam azimuth (degrees from north) of a beam; default: the record's `bmazm`, else from the hardware table. */
  beamAzimuth?: (bmnum: number) => number;
  /** Beam width (degrees); default: estimated from `bmazm`, else 3.24. */
  beamWidth?: number;
  /** Shade ground scatter (gflg = 1) grey; default: for velocity only (as pyDARN). */
  groundScatter?: boolean;
  /** Colour range; default per parameter (velocity ±600 m/s). */
  range?: [number, number];
  cmap?: ColormapName;
  /** Virtual height (km) of the geolocation. */
  virtualHeight: number;
  /**
   * Map frame: 'aacgm' (default, as pyDARN's fan plots) AACGM-v2 magnetic latitude/longitude at
   * the virtual height and the scan's date (the frame of GRID/MAP plots); 'geo' geographic
   * latitude/longitude.
   */
  coords: 'geo' | 'aacgm';
  /** AACGM-v2 converter (its cache) for `coords: 'aacgm'`; default a new one per plot. */
  aacgm?: AacgmGeolocator;
  width: number;
  height: number;
  title?: string;
}

/** Defaults of {@link FanOptions}. */
export const DEFAULT_FAN_OPTIONS: FanOptions = { parameter: 'v', virtualHeight: DEFAULT_GEOLOCATION.height, coords: 'aacgm', width: 760, height: 680 };

/** The SVG and the projection/box it used (tests and overlays map lat/lon to pixels with them). */
export interface FanPlot {
  svg: string;
  projection: PolarProjection;
  box: Box;
  scale: ColorScale;
  /** Number of gate cells drawn. */
  cells: number;
}

function hardwareOf(records: readonly FitacfRecord[], o: FanOptions): RadarHardware | undefined {
  const stid = records[0]!.stid;
  try {
    return radarHardware(stid, o.hardware ?? NETWORK_HARDWARE, recordTime(records[0]!.record).getTime());
  } catch (e) {
    if (o.site) return undefined;
    throw new Error(`plotFan: ${(e as Error).message}; or pass options.site {lat, lon}`);
  }
}

/**
 * Fan plot of one scan (FITACF records, one per beam): each range gate with data is a cell at its
 * AACGM-v2 magnetic (or, with `coords: 'geo'`, geographic) position on a polar lat/lon grid (no
 * coastlines), coloured by `parameter`; ground scatter grey; a colour bar with units. Radars south
 * of the equator are drawn on a south-polar projection (the site's hemisphere).
 */
export function plotFan(records: readonly FitacfRecord[], options: Partial<FanOptions> = {}): FanPlot {
  const o = { ...DEFAULT_FAN_OPTIONS, ...options };
  if (!records.length) throw new Error('plotFan: no records (an empty scan)');
  const info = FIT_PARAMETERS[o.parameter];
  const shadeGround = o.groundScatter ?? o.parameter === 'v';
  const hw = hardwareOf(records, o);
  const site: RadarSite = o.site ?? { lat: hw!.lat, lon: hw!.lon, code: hw!.code };
  const hemisphere: 1 | -1 = site.lat < 0 ? -1 : 1;
  const width = o.beamWidth ?? beamSeparation(records);
  const geo = { height: o.virtualHeight };
  if (o.coords !== 'geo' && o.coords !== 'aacgm') throw new Error(`plotFan: coords must be 'geo' or 'aacgm', got ${String(o.coords)}`);
  const t0 = recordTime(records[0]!.record), t1 = recordTime(records[records.length - 1]!.record);
  const aacgm = o.coords === 'aacgm' ? (o.aacgm ?? new AacgmGeolocator()) : undefined;
  // Geographic [lat, lon] at height h → the map frame.
  const frame = (pts: [number, number][], h = o.virtualHeight): [number, number][] => (aacgm
    ? pts.map(([la, lo]) => { const p = aacgm.convert(la, lo, h, t0.getTime()); return [p.mlat, p.mlon] as [number, number]; })
      .filter(([la]) => Number.isFinite(la))
    : pts);
  const cell = (az: number, gate: number, fr: number, rs: number) => frame(gateCell(site, az, width, gate, fr, rs, geo));
  const azOf = (r: FitacfRecord): number => {
    if (o.beamAzimuth) return o.beamAzimuth(r.bmnum ?? 0);
    if (r.bmazm !== undefined) return r.bmazm;
    if (hw) return beamAzimuth(hw, r.bmnum ?? 0);
    throw new Error(`plotFan: record ${r.record.index ?? '?'} has no bmazm; pass options.beamAzimuth`);
  };
  // Outline of the field of view (every beam, every gate) fixes the zoom.
  const outline: [number, number][] = [];
  const beams = [...new Map(records.map((r) => [r.bmnum ?? 0, r])).values()].sort((a, b) => (a.bmnum ?? 0) - (b.bmnum ?? 0));
  const nrang = Math.max(...records.map((r) => r.nrang ?? 75));
  const frang = records[0]!.frang ?? 180, rsep = records[0]!.rsep ?? 45;
  for (const r of beams) outline.push(...cell(azOf(r), 0, frang, rsep).slice(0, 2));
  for (const r of [...beams].reverse()) outline.push(...cell(azOf(r), nrang - 1, frang, rsep).slice(2));
  const box: Box = { x: 20, y: 46, w: o.width - 150, h: o.height - 66 };
  const [siteLat, siteLon] = frame([[site.lat, site.lon]], 0)[0] ?? [site.lat, site.lon];
  const proj = fitProjection(outline, box, siteLon, hemisphere);
  const scale = new ColorScale(o.cmap ?? info.cmap, ...(o.range ?? info.range));
  const svg = new Svg(o.width, o.height);
  const name = site.code ?? `stid ${records[0]!.stid}`;
  svg.text(o.width / 2 - 60, 26, o.title ?? `${name}  ${utcString(t0)} – ${utcString(t1).slice(11)} UT  ${info.label}${aacgm ? '  (AACGM-v2)' : ''}`, { anchor: 'middle', size: 15, weight: 'bold' });
  svg.rect(box.x, box.y, box.w, box.h, { fill: 'none', stroke: 'black' });
  drawPolarGrid(svg, proj, box, { latStep: 5, lonStep: 15, latMin: 0, lonLabel: (lon) => `${lon > 180 ? 360 - lon : lon}°${lon === 0 || lon === 180 ? '' : lon > 180 ? 'W' : 'E'}` });
  svg.polygon(outline.map(([la, lo]) => proj.project(la, lo)), { fill: 'none', stroke: '#444444', strokeWidth: 1 });
  let cells = 0;
  svg.clipped(box.x, box.y, box.w, box.h, (s) => s.group({ class: 'fan-cells' }, (g) => {
    for (const r of records) {
      const vals = r[o.parameter], slist = r.slist;
      if (!vals || !slist) continue;
      const az = azOf(r);
      for (let i = 0; i < slist.length; i++) {
        const v = vals[i]!;
        if (!Number.isFinite(v)) continue;
        const gs = shadeGround && (r.gflg?.[i] ?? 0) === 1;
        const fill = gs ? rgbHex(GROUND_SCATTER_RGB) : scale.hex(v);
        const corners = cell(az, slist[i]!, r.frang ?? frang, r.rsep ?? rsep);
        if (corners.length < 4) continue;
        g.polygon(corners.map(([la, lo]) => proj.project(la, lo)), { fill, stroke: fill, strokeWidth: 0.8 });
        cells++;
      }
    }
  }));
  const [sx, sy] = proj.project(siteLat, siteLon);
  svg.circle(sx, sy, 3.5, { fill: 'black' });
  const cb: Box = { x: box.x + box.w + 22, y: box.y + 30, w: 18, h: box.h - 90 };
  drawColorbar(svg, cb, scale, `${info.label} (${info.unit})`);
  if (shadeGround) {
    svg.rect(cb.x, cb.y + cb.h + 22, 18, 12, { fill: rgbHex(GROUND_SCATTER_RGB), stroke: 'black' });
    svg.text(cb.x + 24, cb.y + cb.h + 32, 'ground scatter', { size: 11 });
  }
  return { svg: svg.toString(), projection: proj, box, scale, cells };
}
