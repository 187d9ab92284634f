/**
 * @weatherlearn/superdarn/geometry — the one SuperDARN geometry every package uses: the network's
 * radar hardware (both hemispheres, every epoch), `--hardware` table files, and range-gate
 * geolocation. Side-effect free and without the S3/dataset dependencies of the package index.
 */
export * from './hardware.js';
export * from './hdw-file.js';
export * from './geolocate.js';
export * from './potential.js';
export * from './potential-grid.js';
