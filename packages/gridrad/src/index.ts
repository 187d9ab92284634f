/**
 * @weatherlearn/gridrad — GridRad/GOES pipeline: netCDF → seeded crops and patches (.npz) →
 * `.pt` chunks → outlier-filtered per-slice files; corrupt-file sweeps. Parallel, sharded, resumable.
 */
// Parallel work: the worker pool and its task messages.
export { WorkerPool } from './pool.js';
export type { PoolMemory } from './pool.js';
export type { Task, TaskResult } from './tasks.js';

// Seeded crop offsets, input discovery, sharding, resumable checkpoints and progress.
export { cropOffsetFor } from './rng.js';
export type { CropOffset } from './rng.js';
export { discoverInputs } from './discover.js';
export type { InputFile } from './discover.js';
export { selectShard } from './shard.js';
export { readCheckpoint, CheckpointWriter } from './checkpoint.js';
export type { Progress, ProgressCallback } from './progress.js';

// Reading GridRad/GOES netCDF: decoding, channels, fill policies.
export { parseGridradReduce, decodeGridradSparse, reduceGridradSparse } from './gridrad-decode.js';
export type { GridradReduce } from './gridrad-decode.js';
export { openChannels } from './channels.js';
export type { ChannelOptions, ChannelSource } from './channels.js';
export { applyFillPolicy, FILL_POLICIES } from './fill.js';
export type { FillPolicy, FillResult } from './fill.js';

// Stage 1: netCDF → seeded crops and patches (.npz).
export { cropAndPatch } from './crop.js';
export { processSingleFile } from './process-file.js';
export type { PreprocessFileOptions, FileResult } from './process-file.js';
export type { LoadCheck } from './load-check.js';
export { processDirectoryTree, DEFAULT_PREPROCESS_OPTIONS } from './process-directory-tree.js';
export type { PreprocessOptions, PreprocessSummary } from './process-directory-tree.js';

// Stage 2: .npz → .pt chunks.
export { processNpzFilesProgressive, DEFAULT_TO_PT_OPTIONS } from './npz-to-pt.js';
export type { ToPtOptions, ToPtSummary } from './npz-to-pt.js';

// Stage 3: chunks → outlier-filtered per-slice files, and slice file names.
export { sliceStats, filterSlices } from './slice-filter.js';
export type { SliceStats, SliceFilterOptions, GlobalStats, FilterResult } from './slice-filter.js';
export { processAllChunksToIndividualFiles, DEFAULT_SPLIT_OPTIONS } from './split.js';
export type { ChunkKind, SplitOptions, SplitSummary } from './split.js';
export { sliceFileName, channelOfSliceName } from './provenance.js';
export type { SliceOrigin } from './provenance.js';

// Corrupt-file sweeps.
export { checkAndRemoveTensorFilesParallel, DEFAULT_CHECK_OPTIONS } from './check.js';
export type { CheckOptions, CheckSummary } from './check.js';

// Errors for bad input data (file, field).
export { GridradDataError } from './errors.js';
