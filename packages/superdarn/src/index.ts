/**
 * @weatherlearn/superdarn — SuperDARN pipeline: record times and stations, FITACF file lists,
 * MAP/GRID association, gridding (Gaussian splat / flat), FITACF geolocation, datasets from a
 * folder or a saved folder, time splits and batching. S3 (bucket datasets, mirroring, uploads) is
 * the `@weatherlearn/superdarn/s3` subpath, so this entry never loads the AWS SDK.
 */
// Files: record times and stations, listing, kind sniffing.
export { recordSpan, recordStations, buildTimeIndex } from './records.js';
export type { RecordSpan, FileTimeIndex } from './records.js';
export { listSuperdarnFiles } from './files.js';
export type { ListFilesOptions } from './files.js';
export { unsuitableReason, sniffSuperdarnKind } from './kinds.js';
export type { SuperdarnNeed, SniffResult } from './kinds.js';

// FITACF file lists per time window and their MAP/GRID association.
export { processFitacfToFilelists } from './filelists.js';
export type { FitacfFilelistOptions, FileListWindow, FitacfFilelists } from './filelists.js';
export { findConvMapsFromFilelists } from './convmaps.js';
export type { WindowWithMaps, ConvMapMatch, ConvMapOptions } from './convmaps.js';

// Gridding: config, Gaussian splat / flat, time windows, polar channels, FITACF points.
export {
  resolveGridConfig, sampleShape, VECTOR_CHANNELS, FITACF_CHANNELS, COVERAGE_CHANNEL, SEED_VECTOR_CHANNELS,
  DEFAULT_GRID_CONFIG,
} from './grid/config.js';
export type { GridChannel, GridExtent, GridConfig } from './grid/config.js';
export type { PointSet } from './grid/splat.js';
export { windowStart, recordsInWindow, gridRecords } from './grid/window.js';
export type { GridRecordsOptions } from './grid/window.js';
export { POLAR_CHANNELS, CONVMAP_SCALARS, POLAR_ORIENTS } from './grid/polar.js';
export type { PolarChannel, PolarOrient } from './grid/polar.js';
export { collectFitacfPoints } from './fitacf/points.js';
export type { FitacfPointsOptions } from './fitacf/points.js';

// Geometry (also `@weatherlearn/superdarn/geometry`): radar hardware, geolocation, potential maps.
export { radarHardware, beamAzimuth, NETWORK_HARDWARE, RADAR_HARDWARE } from './geometry/hardware.js';
export type { RadarHardware, Hemisphere } from './geometry/hardware.js';
export { parseHardwareTable, readHardwareFiles } from './geometry/hdw-file.js';
export { destination, groundAngle, gateCell } from './geometry/geolocate.js';
export type { RadarSite, GeolocateOptions, GeolocationOptions } from './geometry/geolocate.js';
export { mapPotentialModel, legendreTable, evalMapPotential } from './geometry/potential.js';
export type { MapPotentialModel } from './geometry/potential.js';
export { potentialGrid, crossPolarCapPotential, dipoleField, mapDrift } from './geometry/potential-grid.js';
export type { PotentialGrid, Drift } from './geometry/potential-grid.js';
export { AacgmGeolocator } from './geometry/aacgm-geolocator.js';
export { aacgmMlt } from './geometry/mlt.js';

// Normalisation statistics and time splits.
export { normalizeSample, StatsAccumulator } from './normalize.js';
export type { ChannelStats, FrameMoments } from './normalize.js';
export { DEFAULT_TIME_SPLIT } from './split.js';
export type { TimeSplitConfig, SplitName } from './split.js';

// Datasets: samples and batches from a folder or a saved folder, sharded pre-saving, reports.
export type { Sample, SampleSource, Batch, LoaderOptions } from './dataset/loader.js';
export { SeriesDataset } from './dataset/series.js';
export type { SeriesDatasetOptions, Frame } from './dataset/series.js';
export { DatasetFromDirectory } from './dataset/directory.js';
export { planGridDataset, writeGridDataset, normalizeScalars, PRESAVED_FORMAT } from './dataset/presave.js';
export type { PresavedIndex, ScalarTable, PresaveOptions, PresavePlan } from './dataset/presave.js';
export { shardFiles, writeGridDatasetShard, mergeGridDatasetShards } from './dataset/shard.js';
export type { ShardResult } from './dataset/shard.js';
export { DatasetFromPresaved } from './dataset/presaved.js';
export type { PresavedOptions } from './dataset/presaved.js';
export { datasetReport, DATASET_REPORT_FILE } from './dataset/report.js';
export type { ChannelReport, SplitReport, DatasetReport } from './dataset/report.js';
export { recordsHemisphere, SOUTH_EXTENT } from './dataset/hemisphere.js';

// Errors for bad input data (file, offset, record, field).
export { recordLocation, SuperdarnDataError } from './errors.js';
