/** Generators of GOES-like and GridRad v4.2 netCDF-4 files. */
export * from './goes.js';
export * from './gridrad-v42.js';
