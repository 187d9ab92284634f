/**
 * @weatherlearn/tensor-io — the Tensor type and file formats.
 * Modules are side-effect free; this index only re-exports them.
 */
export * from './tensor.js';
export * from './atomic.js';
export * from './formats/index.js';
export * from './npy/index.js';
export * from './npz/index.js';
export * from './pt/index.js';
export * from './safetensors/index.js';
export * from './zip/index.js';
export * from './netcdf/index.js';
export * from './dmap/index.js';
export * from './bz2/index.js';
export * from './report/skipped.js';
export { LocatedError, TensorIOError, describeLocation, type ErrorLocation, type LocatedErrorOptions, type TensorIOErrorLocation } from './formats/errors.js';
export { ChannelStatsAccumulator, channelMoments, sampleMoments, type ChannelMoments, type ChannelSummary } from './channel-stats.js';
