/** Synthetic SuperDARN files (GRID/MAP/FITACF) written as real DMAP. */
export * from './radars.js';
export * from './grid.js';
export * from './fitacf.js';
export * from './write.js';
export * from './rotating.js';
export * from './pair.js';
export * from './solar-wind.js';
