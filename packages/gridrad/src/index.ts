/**
 * @weatherlearn/gridrad — GridRad/GOES pipeline: netCDF → seeded crops and patches (.npz) →
 * `.pt` chunks → outlier-filtered per-slice files; corrupt-file sweeps. Parallel, sharded, resumable.
 */
export * from './rng.js';
export * from './discover.js';
export * from './shard.js';
export * from './checkpoint.js';
export * from './temp-files.js';
export * from './progress.js';
export * from './gridrad-decode.js';
export * from './channels.js';
export * from './fill.js';
export * from './crop.js';
export * from './process-file.js';
export * from './load-check.js';
export { WorkerPool, mapLimit, type PoolMemory } from './pool.js';
export type { Task, TaskResult } from './tasks.js';
export * from './process-directory-tree.js';
export * from './npz-to-pt.js';
export * from './slice-filter.js';
export * from './split.js';
export * from './check.js';
export * from './provenance.js';
export { GridradDataError } from './errors.js';
