// Port of st7ma784/WeatherLearn/PTL/DataModule.py:SuperDARNDataset.process_conv_to_grid, SuperDARNDataset.process_data_fitacf, SuperDARNDataset.process_data_conv
import type { DmapRecord } from '@weatherlearn/tensor-io';
import { recordSpan } from '../records.js';
import { channelModes, type GridConfig } from './config.js';
import { splatPoints } from './splat.js';
import { collectVectors } from './vectors.js';
import { flattenVectors } from './flat.js';
import { polarWindow, type PolarGridGeometry } from './polar.js';
import { collectFitacfPoints } from '../fitacf/points.js';
import type { RadarHardware } from '../geometry/hardware.js';
import type { AacgmGeolocator } from '../geometry/aacgm-geolocator.js';

/** Window start (epoch ms) containing `t`: windows are aligned to multiples of windowMinutes since 1970 UTC. */
export function windowStart(t: number, windowMinutes: number): number {
  const w = windowMinutes * 60_000;
  return Math.floor(t / w) * w;
}

/**
 * Records inside [start, start + W): record start ≥ start and record end ≤ start + W (the
 * original's rule), for GRID/MAP (`start.*`/`end.*`) and FITACF (`time.*` + integration time).
 */
export function recordsInWindow(records: readonly DmapRecord[], start: number, windowMinutes: number): DmapRecord[] {
  const end = start + windowMinutes * 60_000;
  return records.filter((r) => { const s = recordSpan(r); return s.start >= start && s.end <= end; });
}

/** Options of {@link gridRecords}. */
export interface GridRecordsOptions {
  /** Name used in errors. */
  file?: string;
  /** FITACF only: hardware table override (default: the built-in table). */
  hardware?: readonly RadarHardware[];
  /** FITACF only: skip ground scatter (gflg = 1), default true. */
  excludeGroundScatter?: boolean;
  /** FITACF only: AACGM-v2 converter whose cache to use (default: one shared by every call). */
  aacgm?: AacgmGeolocator;
}

/**
 * Grids already-selected records into one sample: (C, H, W) for 'grid', (C, flatSize) for
 * 'flat'. GRID/MAP records contribute their vectors (magnetic coordinates); FITACF records their
 * geolocated range gates (AACGM-v2, or geographic with `fitacfCoords: 'geo'`; 'flat' is not available for FITACF). The
 * record kind is taken from the channels: FITACF channels (v, p_l, w_l, …) select FITACF input.
 */
export function gridRecords(records: readonly DmapRecord[], c: GridConfig, options: GridRecordsOptions = {}): Float32Array {
  const file = options.file ?? '<records>';
  if (c.method === 'polar') return polarWindow(records, polarGeometry(c), file).data;
  if (isFitacfConfig(c)) {
    if (c.method === 'flat') throw new Error(`${file}: method 'flat' needs GRID/MAP records (vector.index); use 'grid' for FITACF`);
    const pts = collectFitacfPoints(records, c.channels, { file, hardware: options.hardware, excludeGroundScatter: options.excludeGroundScatter ?? true, coords: c.fitacfCoords ?? 'aacgm', ...(options.aacgm ? { aacgm: options.aacgm } : {}) });
    return splatPoints(pts, c, undefined, channelModes(c));
  }
  const v = collectVectors(records, c.channels, file);
  return c.method === 'grid' ? splatPoints(v, c, undefined, channelModes(c)) : flattenVectors(v, c).data;
}

/** True when the channels are FITACF fields (v, p_l, w_l, …) rather than GRID/MAP vector fields. */
export function isFitacfConfig(c: GridConfig): boolean {
  const fit = new Set(['v', 'p_l', 'w_l', 'v_e', 'p_l_e', 'w_l_e', 'elv', 'gflg']);
  return c.channels.some((ch) => fit.has(ch));
}

/** The polar grid geometry of a 'polar' config. */
export function polarGeometry(c: GridConfig): PolarGridGeometry {
  return { gridSize: c.gridSize, radiusDeg: c.polarRadiusDeg, sigmaPx: c.polarSigmaPx, orient: c.polarOrient ?? 'mlon' };
}
