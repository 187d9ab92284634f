import { NETWORK_HARDWARE_ROWS } from './network.js';

/**
 * One radar's geometry for one hardware epoch (the fields of an RST `hdw.dat` row the gridding and
 * the plots need). Older epochs of a radar differ (e.g. Blackstone's beams before 2011).
 */
export interface RadarHardware {
  stid: number;
  code: string;
  /** Geographic site latitude/longitude (deg; west and south negative). */
  lat: number;
  lon: number;
  /** Direction of the centre of the beam fan (deg east of geographic north). */
  boresight: number;
  /** Angular separation of adjacent beams (deg; negative when beam numbers run anticlockwise). */
  bmsep: number;
  /** Number of beams. */
  beams: number;
  /** Boresight offset (deg) added to every beam direction (RST `bmoff`; default 0). */
  bmoff?: number;
  /** Maximum number of range gates. */
  gates?: number;
  /** First day (ISO date, UTC) this epoch applies; absent = always. */
  validFrom?: string;
  /** First day of the next epoch (exclusive); absent = still valid. */
  validTo?: string;
}

/** `'north'` or `'south'`: the hemisphere of a radar site, a GRID/MAP file or a dataset. */
export type Hemisphere = 'north' | 'south';

function networkTable(): RadarHardware[] {
  const out = NETWORK_HARDWARE_ROWS.map(([stid, code, validFrom, lat, lon, boresight, bmoff, bmsep, gates, beams]) =>
    ({ stid, code, lat, lon, boresight, bmoff, bmsep, gates, beams, validFrom }) as RadarHardware);
  for (let i = 0; i + 1 < out.length; i++) if (out[i + 1]!.stid === out[i]!.stid) out[i]!.validTo = out[i + 1]!.validFrom;
  return out;
}

/**
 * The whole SuperDARN network, both hemispheres, every hardware epoch (from the public RST
 * hardware tables; see `network.ts`). Pass your own table (`readHardwareFile`) to override it.
 */
export const NETWORK_HARDWARE: readonly RadarHardware[] = networkTable();

/** The default table of every function taking a hardware table: {@link NETWORK_HARDWARE}. */
export const RADAR_HARDWARE: readonly RadarHardware[] = NETWORK_HARDWARE;

const inEpoch = (h: RadarHardware, t: number) =>
  (h.validFrom === undefined || Date.parse(h.validFrom) <= t) && (h.validTo === undefined || t < Date.parse(h.validTo));

/**
 * Finds a radar by station id or code in `table` (default: the network table): the epoch valid at
 * `time` (epoch ms) when given, else the latest epoch. A time before the first epoch uses the first.
 * @throws Error naming the radar and pointing to `--hardware FILE` when the table lacks it
 */
export function radarHardware(key: number | string, table: readonly RadarHardware[] = RADAR_HARDWARE, time?: number): RadarHardware {
  const k = typeof key === 'string' ? key.toLowerCase() : key;
  const all = table.filter((h) => h.stid === k || h.code === k);
  if (!all.length) {
    throw new Error(`no hardware entry for radar ${String(key)} (the table has ${new Set(table.map((h) => h.code)).size} radars); pass a hardware table (--hardware FILE: an RST hdw.dat file or JSON)`);
  }
  if (time === undefined) return all[all.length - 1]!;
  return all.find((h) => inEpoch(h, time)) ?? all[0]!;
}

/**
 * Azimuth of a beam's centre (deg east of geographic north): boresight + bmoff + (bmnum − (beams − 1)/2)·bmsep,
 * the RST convention when the record has no `bmazm`.
 */
export function beamAzimuth(hw: RadarHardware, bmnum: number): number {
  return hw.boresight + (hw.bmoff ?? 0) + (bmnum - (hw.beams - 1) / 2) * hw.bmsep;
}

/** Hemisphere of a radar site (or any latitude). */
export function hemisphereOf(site: { lat: number } | number): Hemisphere {
  return (typeof site === 'number' ? site : site.lat) < 0 ? 'south' : 'north';
}
