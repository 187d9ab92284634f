/**
 * @weatherlearn/superdarn/geometry — the one SuperDARN geometry every package uses: the network's
 * radar hardware (both hemispheres, every epoch), `--hardware` table files, range-gate
 * geolocation, and AACGM-v2 magnetic coordinates (IGRF-12 field-line tracing). Side-effect free and without the S3/dataset dependencies of the package index.
 */
export * from './hardware.js';
export * from './hdw-file.js';
export * from './geolocate.js';
export * from './potential.js';
export * from './potential-grid.js';
export * from './igrf.js';
export * from './aacgm.js';
export * from './aacgm-geolocator.js';
export * from './mlt.js';
export { IGRF_MODEL, IGRF_VALID_TO, IGRF_FIRST_EPOCH } from './igrf-coeffs.js';
