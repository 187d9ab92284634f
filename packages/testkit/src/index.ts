/** @weatherlearn/testkit (private) — seeded generators of realistic synthetic files for tests and the demo. */
// The ../shared folder (temp folders: @weatherlearn/test-parts).
export { sharedDir, SHARED_MISSING } from './tmp.js';

// Synthetic GridRad / GOES netCDF files.
export { writeGoesLikeFile } from './gridrad/goes.js';
export type { GoesLikeOptions, GoesLikeFile } from './gridrad/goes.js';
export { writeGridradV42File } from './gridrad/gridrad-v42.js';
export type { GridradV42Options, GridradV42File } from './gridrad/gridrad-v42.js';

// Synthetic SuperDARN radars, GRID / FITACF files and datasets.
export { syntheticRadar, SYNTHETIC_RADARS, SOUTHERN_SYNTHETIC_RADARS } from './superdarn/radars.js';
export type { SyntheticRadar } from './superdarn/radars.js';
export { makeGridRecords } from './superdarn/grid.js';
export type { SyntheticGridOptions } from './superdarn/grid.js';
export type { SyntheticFitacfOptions } from './superdarn/fitacf.js';
export { writeSyntheticGridFile, writeSyntheticFitacfFiles } from './superdarn/write.js';
export { writeRotatingDataset } from './superdarn/rotating.js';
export type { RotatingDatasetOptions } from './superdarn/rotating.js';
export { makeFitacfGridPair, writeFitacfGridPair, DEFAULT_FITACF_GRID_PAIR_OPTIONS } from './superdarn/pair.js';
export type { FitacfGridPairOptions, PairEcho, ToMagnetic } from './superdarn/pair.js';
export { makeSolarWindMapRecords, writeSolarWindMapFile, DEFAULT_SOLAR_WIND_MAP_OPTIONS } from './superdarn/solar-wind.js';
export type { SolarWindMapOptions } from './superdarn/solar-wind.js';
