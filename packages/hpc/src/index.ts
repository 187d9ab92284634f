/**
 * @weatherlearn/hpc — SLURM and PBS job scripts from one scheduler-neutral JobSpec: validation
 * with hints, per-site profiles, distributed launch lines, pre-timeout checkpoint signals, job
 * arrays that shard preprocessing, and Apptainer/Docker wrapping. This index only re-exports.
 */
// The scheduler-neutral JobSpec and its problems.
export { DEFAULT_JOB_SPEC } from './jobspec.js';
export type { JobSpec, ContainerSpec } from './jobspec.js';
export { formatProblems } from './problem.js';
export type { Problem } from './problem.js';

// Per-site profiles (queues, launchers).
export { getProfile, POLARIS_PROFILE, PBS_PROFILE, PROFILES } from './profiles.js';
export type { QueueLimit, Launcher, SchedulerProfile } from './profiles.js';

// Parsing and quoting helpers: shell words, walltimes, array ranges, commands.
export { shellQuote } from './quote.js';
export { parseWalltime } from './walltime.js';
export { parseArray } from './array.js';
export type { ArraySpec } from './array.js';
export { splitCommand } from './command.js';

// Container wrapping and distributed launch lines.
export { containerPrefix } from './container.js';
export type { ContainerOptions } from './container.js';
export { rankWrapper } from './launch.js';

// Validation and rendering to SLURM / PBS scripts.
export { validate } from './validate.js';
export { renderSlurm } from './render-slurm.js';
export { renderPbs } from './render-pbs.js';

// Loading job files, writing and submitting scripts.
export { loadJobSpec, loadJobSpecJson, parseJobSpec } from './load.js';
export { submitScript } from './submit.js';
export type { SubmitOptions, SubmitResult } from './submit.js';
export { writeJobScript } from './write.js';
