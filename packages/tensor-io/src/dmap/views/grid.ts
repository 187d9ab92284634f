import type { DmapRecord } from '../types.js';
import { buildView, fields, type DmapViewBase, type NumArray } from './common.js';

/** Start/end time scalars of GRID and MAP records. */
export const GRID_TIME_SCALARS = fields(`start.year start.month start.day start.hour start.minute start.second
  end.year end.month end.day end.hour end.minute end.second`);
/** Per-radar arrays (one value per contributing radar). */
export const GRID_RADAR_ARRAYS = fields(`stid channel nvec freq major.revision minor.revision program.id noise.mean noise.sd gsct
  v.min v.max p.min p.max w.min w.max ve.min ve.max`);
/** Per-vector arrays (one value per gridded vector; absent when the record has no vectors). */
export const GRID_VECTOR_ARRAYS = fields(`vector.mlat vector.mlon vector.kvect vector.stid vector.channel vector.index
  vector.vel.median vector.vel.sd vector.pwr.median vector.pwr.sd vector.wdt.median vector.wdt.sd vector.srng`);

/** Time span and per-radar / per-vector arrays shared by GRID and MAP records. */
export interface GridFields extends DmapViewBase {
  'start.year': number; 'start.month': number; 'start.day': number; 'start.hour': number; 'start.minute': number; 'start.second': number;
  'end.year'?: number; 'end.month'?: number; 'end.day'?: number; 'end.hour'?: number; 'end.minute'?: number; 'end.second'?: number;
  stid?: NumArray; channel?: NumArray; nvec?: NumArray; freq?: NumArray; 'major.revision'?: NumArray; 'minor.revision'?: NumArray;
  'program.id'?: NumArray; 'noise.mean'?: NumArray; 'noise.sd'?: NumArray; gsct?: NumArray;
  'v.min'?: NumArray; 'v.max'?: NumArray; 'p.min'?: NumArray; 'p.max'?: NumArray; 'w.min'?: NumArray; 'w.max'?: NumArray;
  've.min'?: NumArray; 've.max'?: NumArray;
  /** Magnetic latitude/longitude (deg) of each vector; undefined when the record has no vectors. */
  'vector.mlat'?: NumArray; 'vector.mlon'?: NumArray; 'vector.kvect'?: NumArray; 'vector.stid'?: NumArray;
  'vector.channel'?: NumArray; 'vector.index'?: NumArray; 'vector.vel.median'?: NumArray; 'vector.vel.sd'?: NumArray;
  'vector.pwr.median'?: NumArray; 'vector.pwr.sd'?: NumArray; 'vector.wdt.median'?: NumArray; 'vector.wdt.sd'?: NumArray;
  'vector.srng'?: NumArray;
}

/** A GRID (grdmap) record. */
export type GridRecord = GridFields;

const START = fields('start.year start.month start.day start.hour start.minute start.second');

/** Typed GRID view; throws DmapError when the start time is missing. Missing vectors are undefined. */
export function asGrid(rec: DmapRecord): GridRecord {
  return buildView<GridRecord>(rec, 'GRID', START, GRID_TIME_SCALARS, [...GRID_RADAR_ARRAYS, ...GRID_VECTOR_ARRAYS]);
}
