/** netCDF-3 (classic, 64-bit offset, 64-bit data) and netCDF-4 (HDF5 via h5wasm): read, CF-decode, describe, write netCDF-4. */
export * from './types.js';
export { openNetcdf, sniffNetcdf } from './open.js';
export { decodeCF, NC_DEFAULT_FILL_FLOAT } from './cf.js';
export { resolveHyperslab, type Hyperslab } from './hyperslab.js';
export * from './describe.js';
export * from './write-spec.js';
export { writeNetcdf4 } from './write4.js';
export { Cdf3File, openCdf3 } from './cdf3/file.js';
export { Nc4File, openNc4 } from './hdf5/file.js';
