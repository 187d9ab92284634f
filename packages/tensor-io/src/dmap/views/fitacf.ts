import type { DmapArray, DmapRecord } from '../types.js';
import { buildView, fields, type DmapViewBase, type NumArray } from './common.js';

const TIME = fields('time.yr time.mo time.dy time.hr time.mt time.sc time.us');
/** Scalars shared by RAWACF and FITACF records (radar parameters of one integration). */
export const RADAR_PARAMETER_SCALARS = fields(`radar.revision.major radar.revision.minor origin.code origin.time origin.command
  cp stid ${TIME.join(' ')} txpow nave atten lagfr smsep ercod stat.agc stat.lopwr noise.search noise.mean channel bmnum
  bmazm scan offset rxrise intt.sc intt.us txpl mpinc mppul mplgs mplgexs ifmode nrang frang rsep xcf tfreq mxpwr lvmax`);
const FIT_SCALARS = fields('fitacf.revision.major fitacf.revision.minor combf noise.sky noise.lag0 noise.vel algorithm tdiff widetx');
const FIT_ARRAYS = fields(`ptab ltab pwr0 slist nlag qflg gflg p_l p_l_e p_s p_s_e v v_e w_l w_l_e w_s w_s_e sd_l sd_s sd_phi
  x_qflg x_gflg x_p_l x_p_l_e x_p_s x_p_s_e x_v x_v_e x_w_l x_w_l_e x_w_s x_w_s_e phi0 phi0_e elv elv_fitted elv_error elv_low
  elv_high x_sd_l x_sd_s x_sd_phi`);

/** Time and radar parameters common to RAWACF and FITACF (RST radar parameter block). */
export interface RadarParameters extends DmapViewBase {
  'radar.revision.major'?: number; 'radar.revision.minor'?: number;
  /** Missing in files written before mid-2006. */
  'origin.code'?: number; 'origin.time'?: string; 'origin.command'?: string;
  cp?: number; stid: number;
  'time.yr': number; 'time.mo': number; 'time.dy': number; 'time.hr': number; 'time.mt': number; 'time.sc': number; 'time.us'?: number;
  txpow?: number; nave?: number; atten?: number; lagfr?: number; smsep?: number; ercod?: number;
  'stat.agc'?: number; 'stat.lopwr'?: number; 'noise.search'?: number; 'noise.mean'?: number;
  channel?: number; bmnum?: number; bmazm?: number; scan?: number; offset?: number; rxrise?: number;
  'intt.sc'?: number; 'intt.us'?: number; txpl?: number; mpinc?: number; mppul?: number; mplgs?: number; mplgexs?: number;
  ifmode?: number; nrang?: number; frang?: number; rsep?: number; xcf?: number; tfreq?: number; mxpwr?: number; lvmax?: number;
}

/**
 * A FITACF record. Per-range arrays have one value per good range gate (`slist` gives the gate
 * numbers) and are absent when no gate had data. Velocities in m/s, powers in dB, elv in degrees.
 */
export interface FitacfRecord extends RadarParameters {
  'fitacf.revision.major'?: number; 'fitacf.revision.minor'?: number; combf?: string;
  'noise.sky'?: number; 'noise.lag0'?: number; 'noise.vel'?: number; algorithm?: string; tdiff?: number; widetx?: number;
  ptab?: NumArray; ltab?: DmapArray; pwr0?: NumArray;
  slist?: NumArray; nlag?: NumArray; qflg?: NumArray; gflg?: NumArray;
  p_l?: NumArray; p_l_e?: NumArray; p_s?: NumArray; p_s_e?: NumArray; v?: NumArray; v_e?: NumArray;
  w_l?: NumArray; w_l_e?: NumArray; w_s?: NumArray; w_s_e?: NumArray; sd_l?: NumArray; sd_s?: NumArray; sd_phi?: NumArray;
  x_qflg?: NumArray; x_gflg?: NumArray; x_p_l?: NumArray; x_p_l_e?: NumArray; x_p_s?: NumArray; x_p_s_e?: NumArray;
  x_v?: NumArray; x_v_e?: NumArray; x_w_l?: NumArray; x_w_l_e?: NumArray; x_w_s?: NumArray; x_w_s_e?: NumArray;
  phi0?: NumArray; phi0_e?: NumArray; elv?: NumArray; elv_fitted?: NumArray; elv_error?: NumArray; elv_low?: NumArray;
  elv_high?: NumArray; x_sd_l?: NumArray; x_sd_s?: NumArray; x_sd_phi?: NumArray;
}

/** Typed FITACF view; throws DmapError when `stid` or the time fields are missing. */
export function asFitacf(rec: DmapRecord): FitacfRecord {
  return buildView<FitacfRecord>(rec, 'FITACF', ['stid', ...TIME.slice(0, 6)], [...RADAR_PARAMETER_SCALARS, ...FIT_SCALARS], FIT_ARRAYS, ['ltab']);
}
