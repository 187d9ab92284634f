import { POLAR_CHANNELS, POLAR_ORIENTS, type PolarChannel, type PolarOrient } from './polar.js';

/** Per-vector fields of GRID/MAP records usable as channels (`vector.<name>`). */
export const VECTOR_CHANNELS = [
  'vel.median', 'vel.sd', 'kvect', 'stid', 'channel', 'pwr.median', 'pwr.sd', 'wdt.median', 'wdt.sd', 'count', 'coverage',
] as const;
/** FITACF per-gate fields usable as channels (`count` = number of echoes). */
export const FITACF_CHANNELS = ['v', 'p_l', 'w_l', 'v_e', 'p_l_e', 'w_l_e', 'elv', 'gflg', 'count', 'coverage'] as const;

/**
 * A GRID/MAP vector channel or a FITACF channel. `count` splats 1 per vector/echo. `coverage` is
 * the observation mask: Σ w, the summed Gaussian weight of the measurements reaching a pixel (an
 * effective count, not a 0–1 weight: 1 for one vector at the pixel centre, more where several
 * overlap), exactly 0 where no measurement reaches; with 'flat' 1 in a cell holding a vector.
 * It is never normalised (statistics mean 0, std 1), so `coverage > 0` marks observed pixels in
 * normalised samples too.
 */
export type GridChannel = (typeof VECTOR_CHANNELS)[number] | (typeof FITACF_CHANNELS)[number] | PolarChannel;

/** Name of the observation-mask channel (see {@link GridChannel}). */
export const COVERAGE_CHANNEL = 'coverage';

/** The original pipeline's 5 channels (vel.median, vel.sd, kvect, stid, channel). */
export const SEED_VECTOR_CHANNELS: GridChannel[] = ['vel.median', 'vel.sd', 'kvect', 'stid', 'channel'];
/** Default GRID/MAP channels: the original 5 plus `coverage`. */
export const DEFAULT_VECTOR_CHANNELS: GridChannel[] = [...SEED_VECTOR_CHANNELS, 'coverage'];
/** FITACF default: LOS velocity, lambda power, lambda spectral width, coverage. */
export const DEFAULT_FITACF_CHANNELS: GridChannel[] = ['v', 'p_l', 'w_l', 'coverage'];

/**
 * Fixed latitude/longitude extent of the image (degrees; AACGM-v2 magnetic for GRID/MAP and, by
 * default, FITACF; geographic for FITACF with `fitacfCoords: 'geo'`). Rows (H) run from latMin (row 0) to latMax, columns (W) from lonMin to lonMax; pixel
 * (i, j) is the cell centred at latMin + (i + ½)·Δlat, lonMin + (j + ½)·Δlon. Longitudes are
 * wrapped into [lonMin, lonMin + 360).
 */
export interface GridExtent {
  latMin: number;
  latMax: number;
  lonMin: number;
  lonMax: number;
}

/** Northern hemisphere 50–90° latitude, full longitude circle. */
export const DEFAULT_EXTENT: GridExtent = { latMin: 50, latMax: 90, lonMin: 0, lonMax: 360 };

/** Gridding options (one object for a whole dataset so every sample means the same pixels). */
export interface GridConfig {
  /**
   * 'grid': Gaussian splat onto (C, gridSize, gridSize). 'flat': (C, flatSize) by RST cell id
   * `vector.index`. 'polar': MAP/CONVMAP records on an azimuthal-equidistant grid around the
   * magnetic pole, channels {@link POLAR_CHANNELS} (see grid/polar.ts), plus per-frame scalars.
   */
  method: 'grid' | 'flat' | 'polar';
  /** Image side in pixels (H = W = gridSize). */
  gridSize: number;
  /** Minutes per sample window. */
  windowMinutes: number;
  /** Channels in order. */
  channels: GridChannel[];
  extent: GridExtent;
  /** Gaussian σ in degrees of latitude/longitude (the original: 1°). */
  sigmaDeg: number;
  /** The kernel is cut at this many σ (exp(-½·3²) ≈ 0.011; the original did not cut). */
  truncateSigmas: number;
  /**
   * 'mean' (default, physical): per-pixel weighted mean Σ v·w / Σ w of scalar channels (bounded by
   * the input values), weighted circular mean of azimuths (`kvect`), the value of the nearest
   * (heaviest-weight) vector for ids (`stid`, `channel`), Σ w for `count`/`coverage`; 0 where no
   * vector reaches. 'sum': Σ v·w for every channel (the original seed pipeline, kept to reproduce it:
   * not physical where kernels overlap).
   */
  accumulate: 'sum' | 'mean';
  /** Length of the 'flat' vector (cell ids ≥ flatSize are dropped and counted). */
  flatSize: number;
  /** 'polar': colatitude radius of the grid in degrees (40 → down to 50° MLAT). */
  polarRadiusDeg: number;
  /** 'polar': Gaussian σ of the vector splat in pixels (the original: 1.5). */
  polarSigmaPx: number;
  /**
   * FITACF input: frame of the geolocated range gates. 'aacgm' (default): AACGM-v2 MLAT/MLON, the
   * frame of GRID/MAP vectors, so both kinds of input share pixels; 'geo': geographic latitude and
   * longitude (the seed pipeline's frame, kept to reproduce it). GRID/MAP input is always AACGM.
   */
  fitacfCoords: 'aacgm' | 'geo';
  /**
   * 'polar': the grid's polar angle, 'mlon' (default, as the original) or 'mlt' (each record rotated
   * by its `mlt.av`: noon, dawn, dusk, midnight at fixed pixels; see `PolarGridGeometry.orient`).
   * Optional so index.json files written before it read as 'mlon'.
   */
  polarOrient?: PolarOrient;
  /**
   * 'polar': floor of the conditioning scalars' training-split std. 0 (default): only a zero std
   * becomes 1; the original (`run_baseline.py`'s SolarDataset) floors at 1 so a near-constant field
   * (missing IMF) does not blow rare readings up.
   */
  scalarStdFloor?: number;
  /** 'polar': normalised conditioning scalars are clipped to ±scalarClip; 0 (default) = no clipping (the original: 5). */
  scalarClip?: number;
}

/** Defaults: 300×300 grid, 10-minute windows, the original 5 channels + coverage, 50–90° MLAT, σ = 1°, weighted means, FITACF in AACGM-v2. */
export const DEFAULT_GRID_CONFIG: GridConfig = {
  method: 'grid',
  gridSize: 300,
  windowMinutes: 10,
  channels: DEFAULT_VECTOR_CHANNELS,
  extent: DEFAULT_EXTENT,
  sigmaDeg: 1,
  truncateSigmas: 3,
  accumulate: 'mean',
  flatSize: 90_360,
  polarRadiusDeg: 40,
  polarSigmaPx: 1.5,
  fitacfCoords: 'aacgm',
  polarOrient: 'mlon',
  scalarStdFloor: 0,
  scalarClip: 0,
};

/** Checks a config; throws an Error naming the bad field. */
export function validateGridConfig(c: GridConfig): GridConfig {
  const bad = (field: string, why: string): never => { throw new Error(`invalid grid config: ${field} ${why}`); };
  if (c.method !== 'grid' && c.method !== 'flat' && c.method !== 'polar') bad('method', `must be 'grid', 'flat' or 'polar', got ${String(c.method)}`);
  if (!Number.isInteger(c.gridSize) || c.gridSize < 2 || c.gridSize > 4096) bad('gridSize', `must be an integer in 2..4096, got ${c.gridSize}`);
  if (!(c.windowMinutes > 0) || c.windowMinutes > 1440) bad('windowMinutes', `must be in (0, 1440], got ${c.windowMinutes}`);
  if (!Array.isArray(c.channels) || c.channels.length === 0) bad('channels', 'must list at least one channel');
  const known = new Set<string>(c.method === 'polar' ? POLAR_CHANNELS : [...VECTOR_CHANNELS, ...FITACF_CHANNELS]);
  if (c.method === 'polar' && c.channels.join() !== POLAR_CHANNELS.join()) bad('channels', `of method 'polar' are fixed: ${POLAR_CHANNELS.join(', ')} (got ${c.channels.join(', ')})`);
  if (c.method === 'polar' && !(c.polarRadiusDeg > 0 && c.polarRadiusDeg <= 90)) bad('polarRadiusDeg', `must be in (0, 90], got ${c.polarRadiusDeg}`);
  if (c.method === 'polar' && !(c.polarSigmaPx > 0)) bad('polarSigmaPx', `must be > 0, got ${c.polarSigmaPx}`);
  if (c.scalarStdFloor !== undefined && !(c.scalarStdFloor >= 0)) bad('scalarStdFloor', `must be ≥ 0, got ${c.scalarStdFloor}`);
  if (c.scalarClip !== undefined && !(c.scalarClip >= 0)) bad('scalarClip', `must be ≥ 0 (0 = no clipping), got ${c.scalarClip}`);
  if (c.polarOrient !== undefined && !POLAR_ORIENTS.includes(c.polarOrient)) bad('polarOrient', `must be one of ${POLAR_ORIENTS.join(', ')}, got ${String(c.polarOrient)}`);
  for (const ch of c.channels) if (!known.has(ch)) bad('channels', `has unknown channel '${ch}' (known: ${[...known].join(', ')})`);
  if (new Set(c.channels).size !== c.channels.length) bad('channels', 'lists a channel twice');
  const e = c.extent;
  if (!(e.latMin < e.latMax) || e.latMin < -90 || e.latMax > 90) bad('extent', `needs -90 ≤ latMin < latMax ≤ 90, got ${e.latMin}..${e.latMax}`);
  if (!(e.lonMin < e.lonMax) || e.lonMax - e.lonMin > 360) bad('extent', `needs lonMin < lonMax ≤ lonMin + 360, got ${e.lonMin}..${e.lonMax}`);
  if (!(c.sigmaDeg > 0)) bad('sigmaDeg', `must be > 0, got ${c.sigmaDeg}`);
  if (!(c.truncateSigmas > 0)) bad('truncateSigmas', `must be > 0, got ${c.truncateSigmas}`);
  if (c.accumulate !== 'sum' && c.accumulate !== 'mean') bad('accumulate', `must be 'sum' or 'mean'`);
  if (!Number.isInteger(c.flatSize) || c.flatSize < 1) bad('flatSize', `must be a positive integer`);
  if (c.fitacfCoords !== 'aacgm' && c.fitacfCoords !== 'geo') bad('fitacfCoords', `must be 'aacgm' or 'geo', got ${String(c.fitacfCoords)}`);
  return c;
}

/** Merges options over the defaults (extent merged field by field) and validates. */
export function resolveGridConfig(options: Partial<GridConfig> = {}): GridConfig {
  const polar = options.method === 'polar' && !options.channels ? { channels: [...POLAR_CHANNELS] } : {};
  return validateGridConfig({ ...DEFAULT_GRID_CONFIG, ...polar, ...options, extent: { ...DEFAULT_EXTENT, ...options.extent } });
}

/** Output shape of one sample: [C, H, W] for 'grid', [C, flatSize] for 'flat'. */
export function sampleShape(c: GridConfig): number[] {
  return c.method === 'flat' ? [c.channels.length, c.flatSize] : [c.channels.length, c.gridSize, c.gridSize];
}

/** Row/column of the pixel containing (lat, lon), or undefined outside the extent. */
export function pixelOf(c: GridConfig, lat: number, lon: number): { row: number; col: number } | undefined {
  const { latMin, latMax, lonMin, lonMax } = c.extent;
  const l = wrapLon(lon, lonMin);
  if (!(lat >= latMin && lat <= latMax) || !(l <= lonMax)) return undefined;
  const row = Math.min(c.gridSize - 1, Math.floor(((lat - latMin) / (latMax - latMin)) * c.gridSize));
  const col = Math.min(c.gridSize - 1, Math.floor(((l - lonMin) / (lonMax - lonMin)) * c.gridSize));
  return { row, col };
}

/** Wraps a longitude into [lonMin, lonMin + 360). */
export function wrapLon(lon: number, lonMin: number): number {
  return lonMin + ((((lon - lonMin) % 360) + 360) % 360);
}

/** Channels that are angles in degrees (circular mean). */
const AZIMUTH_CHANNELS = new Set<string>(['kvect']);
/** Channels that are identifiers or flags (never averaged or summed). */
const ID_CHANNELS = new Set<string>(['stid', 'channel']);

/**
 * How each channel of `c` combines at a pixel (see `SplatMode` in splat.ts): everything `sum` with
 * `accumulate: 'sum'`; otherwise `circular` for azimuths, `nearest` for ids, `weight` for
 * `count`/`coverage`, `mean` for the rest.
 */
export function channelModes(c: GridConfig): ('sum' | 'mean' | 'circular' | 'nearest' | 'weight')[] {
  return c.channels.map((ch) => {
    if (ch === 'coverage' || ch === 'count') return c.accumulate === 'sum' ? 'sum' : 'weight';
    if (c.accumulate === 'sum') return 'sum';
    if (AZIMUTH_CHANNELS.has(ch)) return 'circular';
    if (ID_CHANNELS.has(ch)) return 'nearest';
    return 'mean';
  });
}
