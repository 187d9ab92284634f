/**
 * @weatherlearn/tensor-io — the Tensor type and file formats.
 * Modules are side-effect free; this index only re-exports them.
 */
// The Tensor type and dtype conversions (atomic writes: @weatherlearn/fs-atomic).
export { zeros, tensor, toBytes, halfToFloat, floatToHalf, bfloat16ToFloat, floatToBfloat16, toFloat32 } from './tensor.js';
export type { DType, DTypeStorage, Tensor } from './tensor.js';

// Any tensor file: byte sources, errors, format detection, read/write by extension, stats.
export { bytesSource, fileSource, withFileSource } from './formats/source.js';
export type { ByteSource, FileSource } from './formats/source.js';
export { LocatedError, TensorIOError, describeLocation } from './formats/errors.js';
export type { ErrorLocation, LocatedErrorOptions, TensorIOErrorLocation } from './formats/errors.js';
export { formatFromPath, formatFromBytes } from './formats/detect.js';
export type { TensorFormat } from './formats/detect.js';
export { readTensorFile, writeTensorFile } from './formats/file.js';
export type { TensorFileWriteOptions, TensorFileReadOptions } from './formats/file.js';
export { tensorStats } from './formats/stats.js';
export type { TensorStats } from './formats/stats.js';

// NumPy .npy / .npz.
export { readNpy, writeNpy } from './npy/npy.js';
export { readNpz, writeNpz } from './npz/npz.js';
export type { NpzWriteOptions, NpzReadOptions } from './npz/npz.js';

// PyTorch .pt (torch.save / torch.load) files.
export { isTensor } from './pt/value.js';
export type { PtValue } from './pt/value.js';
export { readPt } from './pt/read.js';
export { readStateDict, asStateDict } from './pt/state-dict.js';
export { writePt } from './pt/write.js';
export type { PtWriteOptions } from './pt/write.js';
export { flattenPtValue, selectPtValue } from './pt/flatten.js';
export type { FlatPtValue } from './pt/flatten.js';

// safetensors.
export { readSafetensors, readSafetensorsWithMetadata, writeSafetensors } from './safetensors/safetensors.js';
export type { SafetensorsFile, SafetensorsReadOptions } from './safetensors/safetensors.js';

// ZIP archives (reading, writing, safe extraction).
export { crc32 } from './zip/crc32.js';
export { listZip, readZipEntry, readZip, DEFAULT_ZIP_READ_OPTIONS } from './zip/read.js';
export type { ZipEntry, ZipReadOptions } from './zip/read.js';
export { writeZip } from './zip/write.js';
export type { ZipInput, ZipWriteOptions } from './zip/write.js';
export { safeJoin } from './zip/safe-path.js';
export { extractZip } from './zip/extract.js';

// netCDF (classic and netCDF-4/HDF5) reading, describing and netCDF-4 writing.
export { openNetcdf } from './netcdf/open.js';
export { writeNetcdf4 } from './netcdf/write4.js';
export { NetcdfError } from './netcdf/types.js';
export type {
  NetcdfFormat, NcType, NcAttribute, NetcdfDimension, NetcdfVariable, ReadVariableOptions, MaskedTensor,
  NetcdfFile,
} from './netcdf/types.js';
export { describeNetcdfFile } from './netcdf/describe.js';
export type {
  NetcdfStats, NetcdfVariableDescription, JsonAttribute, NetcdfDescription, DescribeNetcdfOptions,
} from './netcdf/describe.js';
export type {
  NcAttributeInput, NcDimensionInput, NetcdfWriteVariable, NetcdfWriteSpec, WriteNetcdf4Options,
} from './netcdf/write-spec.js';

// SuperDARN DMAP files: reading, writing, JSON, typed FITACF/RAWACF/GRID/MAP views.
export { readDmapRecords, readDmapFile, parseDmap } from './dmap/reader.js';
export type { DmapSource, DmapStreamInfo, DmapReadResult } from './dmap/reader.js';
export type { NumArray, DmapViewBase } from './dmap/views/common.js';
export { DMAP_TYPES, DmapRecord, DmapError } from './dmap/types.js';
export type {
  DmapTypeName, DmapScalarValue, DmapArrayStorage, DmapArrayData, DmapScalar, DmapArray, DmapSchema,
  DmapLazyFields,
} from './dmap/types.js';
export type { DmapSkipped, DmapReadOptions } from './dmap/stream-parser.js';
export { encodeDmapRecord, writeDmap, dmapChunks, writeDmapFile } from './dmap/write.js';
export type { DmapRecordInput, DmapWriteOptions } from './dmap/write.js';
export { dmapRecordToJson } from './dmap/json.js';
export type { DmapRecordJson } from './dmap/json.js';
export { describeDmapFile } from './dmap/describe.js';
export type { DmapDescription } from './dmap/describe.js';
export { asFitacf } from './dmap/views/fitacf.js';
export type { RadarParameters, FitacfRecord } from './dmap/views/fitacf.js';
export { asRawacf } from './dmap/views/rawacf.js';
export type { RawacfRecord } from './dmap/views/rawacf.js';
export { asGrid } from './dmap/views/grid.js';
export type { GridFields, GridRecord } from './dmap/views/grid.js';
export { asMap } from './dmap/views/map.js';
export type { MapRecord } from './dmap/views/map.js';
export { dmapRecordKind, recordTime, recordEndTime } from './dmap/views/time.js';
export type { DmapKind } from './dmap/views/time.js';

// bzip2 compression and decompression.
export { Bzip2Error } from './bz2/crc.js';
export { bunzip2Sync, bunzip2, Bunzip2Decoder } from './bz2/decompress.js';
export type { Bunzip2Options } from './bz2/decompress.js';
export { bzip2Sync, bzip2, Bzip2Encoder } from './bz2/compress.js';
export type { Bzip2Options } from './bz2/compress.js';

// Reports of skipped inputs.
export { writeSkippedReport, formatSkipped, NoUsableInputError } from './report/skipped.js';
export type { SkippedInput } from './report/skipped.js';

// Per-channel statistics (streaming count, mean, std, min, max; NaN-skipping).
export { ChannelStatsAccumulator, channelMoments, sampleMoments } from './channel-stats.js';
export type { ChannelMoments, ChannelSummary } from './channel-stats.js';
