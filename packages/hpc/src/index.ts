/**
 * @weatherlearn/hpc — SLURM and PBS job scripts from one scheduler-neutral JobSpec: validation
 * with hints, per-site profiles, distributed launch lines, pre-timeout checkpoint signals, job
 * arrays that shard preprocessing, and Apptainer/Docker wrapping. This index only re-exports.
 */
export * from './jobspec.js';
export * from './problem.js';
export * from './profiles.js';
export * from './quote.js';
export * from './walltime.js';
export * from './array.js';
export * from './command.js';
export * from './container.js';
export * from './launch.js';
export * from './signal.js';
export * from './validate-shape.js';
export * from './validate.js';
export * from './render-body.js';
export * from './render-slurm.js';
export * from './render-pbs.js';
export * from './load.js';
export * from './submit.js';
export * from './write.js';
