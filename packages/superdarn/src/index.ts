/**
 * @weatherlearn/superdarn — SuperDARN pipeline: record times and stations, FITACF file lists,
 * MAP/GRID association, gridding (Gaussian splat / flat), FITACF geolocation, datasets from a
 * folder or a saved folder, time splits and batching. S3 (bucket datasets, mirroring, uploads) is
 * the `@weatherlearn/superdarn/s3` subpath, so this entry never loads the AWS SDK.
 */
export * from './records.js';
export * from './files.js';
export * from './kinds.js';
export * from './filelists.js';
export * from './convmaps.js';
export * from './grid/config.js';
export * from './grid/splat.js';
export * from './grid/vectors.js';
export * from './grid/flat.js';
export * from './grid/window.js';
export * from './grid/polar.js';
export * from './geometry/index.js';
export * from './fitacf/points.js';
export * from './normalize.js';
export * from './split.js';
export * from './shuffle.js';
export * from './dataset/loader.js';
export * from './dataset/store.js';
export * from './dataset/series.js';
export * from './dataset/directory.js';
export * from './dataset/presave.js';
export * from './dataset/shard.js';
export * from './dataset/presaved.js';
export * from './dataset/report.js';
export * from './dataset/hemisphere.js';
export { recordLocation, SuperdarnDataError } from './errors.js';
