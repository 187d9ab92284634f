import type { DmapRecord } from '../types.js';
import { buildView, fields, type NumArray } from './common.js';
import { GRID_RADAR_ARRAYS, GRID_TIME_SCALARS, GRID_VECTOR_ARRAYS, type GridFields } from './grid.js';

const MAP_SCALARS = fields(`map.major.revision map.minor.revision source doping.level model.wt error.wt IMF.flag IMF.delay
  IMF.Bx IMF.By IMF.Bz IMF.Vx IMF.tilt IMF.Kp model.angle model.level model.tilt model.name hemisphere noigrf fit.order latmin
  chi.sqr chi.sqr.dat rms.err lon.shft lat.shft mlt.start mlt.end mlt.av pot.drop pot.drop.err pot.max pot.max.err pot.min pot.min.err`);
const MAP_ARRAYS = fields('N N+1 N+2 N+3 model.mlat model.mlon model.kvect model.vel.median boundary.mlat boundary.mlon');

/**
 * A MAP (cnvmap) record: the GRID fields plus the spherical-harmonic fit of the electrostatic
 * potential (`N` degree, `N+1` order, `N+2` coefficient, `N+3` its error; (fit.order+1)² each),
 * the background-model vectors and the Heppner–Maynard boundary. IMF values of 9999 mean missing.
 */
export interface MapRecord extends GridFields {
  'map.major.revision'?: number; 'map.minor.revision'?: number; source?: string; 'doping.level'?: number;
  'model.wt'?: number; 'error.wt'?: number; 'IMF.flag'?: number; 'IMF.delay'?: number;
  'IMF.Bx'?: number; 'IMF.By'?: number; 'IMF.Bz'?: number; 'IMF.Vx'?: number; 'IMF.tilt'?: number; 'IMF.Kp'?: number;
  'model.angle'?: string; 'model.level'?: string; 'model.tilt'?: string; 'model.name'?: string;
  hemisphere?: number; noigrf?: number; 'fit.order'?: number; latmin?: number;
  'chi.sqr'?: number; 'chi.sqr.dat'?: number; 'rms.err'?: number; 'lon.shft'?: number; 'lat.shft'?: number;
  'mlt.start'?: number; 'mlt.end'?: number; 'mlt.av'?: number;
  'pot.drop'?: number; 'pot.drop.err'?: number; 'pot.max'?: number; 'pot.max.err'?: number; 'pot.min'?: number; 'pot.min.err'?: number;
  N?: NumArray; 'N+1'?: NumArray; 'N+2'?: NumArray; 'N+3'?: NumArray;
  'model.mlat'?: NumArray; 'model.mlon'?: NumArray; 'model.kvect'?: NumArray; 'model.vel.median'?: NumArray;
  'boundary.mlat'?: NumArray; 'boundary.mlon'?: NumArray;
}

/** Typed MAP view; throws DmapError when the start time is missing. Missing vectors/fit fields are undefined. */
export function asMap(rec: DmapRecord): MapRecord {
  return buildView<MapRecord>(
    rec, 'MAP', fields('start.year start.month start.day start.hour start.minute start.second'),
    [...GRID_TIME_SCALARS, ...MAP_SCALARS], [...GRID_RADAR_ARRAYS, ...GRID_VECTOR_ARRAYS, ...MAP_ARRAYS],
  );
}
