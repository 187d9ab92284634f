import type { ColormapName } from '../color/colormap.js';

/** A FITACF per-gate parameter the plots can show. */
export type FitParameter = 'v' | 'p_l' | 'w_l' | 'elv';

/** How each parameter is labelled and coloured by default. */
export interface ParameterInfo {
  label: string;
  unit: string;
  cmap: ColormapName;
  range: [number, number];
}

/**
 * Defaults per parameter: velocity on a diverging map (positive = towards the radar, SuperDARN's
 * convention), power/width/elevation on perceptually uniform sequential maps.
 */
export const FIT_PARAMETERS: Readonly<Record<FitParameter, ParameterInfo>> = {
  v: { label: 'Velocity', unit: 'm/s', cmap: 'coolwarm', range: [-600, 600] },
  p_l: { label: 'Power', unit: 'dB', cmap: 'plasma', range: [0, 30] },
  w_l: { label: 'Spectral width', unit: 'm/s', cmap: 'viridis', range: [0, 250] },
  elv: { label: 'Elevation', unit: 'deg', cmap: 'cividis', range: [0, 50] },
};

/** Checks a parameter name, naming the valid ones. */
export function checkParameter(p: string): FitParameter {
  if (!(p in FIT_PARAMETERS)) throw new Error(`unknown FITACF parameter '${p}' (valid: ${Object.keys(FIT_PARAMETERS).join(', ')})`);
  return p as FitParameter;
}

/** Colour used for ground scatter (gflg = 1) cells. */
export const GROUND_SCATTER_RGB = [128, 128, 128] as const;
