/** Limits of one queue/partition; `routes` are the execution queues a routing queue feeds. */
export interface QueueLimit {
  /** Queue or partition name. */
  name: string;
  /** Smallest node count accepted. */
  minNodes?: number;
  /** Largest node count accepted. */
  maxNodes?: number;
  /** Shortest wall-clock limit accepted, `"HH:MM:SS"`. */
  minWalltime?: string;
  /** Longest wall-clock limit accepted, `"HH:MM:SS"`. */
  maxWalltime?: string;
  /** For a routing queue: where jobs land by size (the first whose node range fits applies). */
  routes?: QueueLimit[];
  /** One line shown with problems about this queue. */
  note?: string;
}

/** How ranks are started inside the allocation. */
export type Launcher = 'srun' | 'mpiexec-pals' | 'mpiexec' | 'none';

/** A site or scheduler flavour: everything site-specific is data here, not code. */
export interface SchedulerProfile {
  /** Profile name used on the command line (`--profile polaris`). */
  name: string;
  /** One line for `--help` and the README. */
  description: string;
  /** Which renderer emits its scripts. */
  scheduler: 'slurm' | 'pbs';
  /** `account` must be given. */
  requireAccount: boolean;
  /** Queue used when the spec names none (PBS `-q`). */
  defaultQueue?: string;
  /** Known queues; when set, `partition` must be one of them. */
  queues?: QueueLimit[];
  /** GPUs in one node (validation). */
  maxGpusPerNode?: number;
  /** Hardware threads in one node (validation of tasksPerNode × cpusPerTask). */
  maxCpusPerNode?: number;
  /** PBS `-l filesystems=`: default list and the names the site knows. */
  filesystems?: { default: string[]; allowed: string[] };
  /** PBS select style: `system=NAME` only (Polaris: whole nodes) or explicit resources. */
  select?: { system: string } | 'resources';
  /** PBS `-l place=` value. */
  place?: string;
  /** Rank launcher. */
  launcher: Launcher;
  /** Use the launcher even for a single rank. */
  launchSingleRank: boolean;
  /** Directories passed to `module use` before loading modules. */
  moduleUse?: string[];
  /** Modules loaded (before the spec's) when the job runs in a container. */
  containerModules?: string[];
  /** Environment exported before the spec's (e.g. proxies); the spec's `env` wins. */
  env?: Record<string, string>;
  /** Container runtime when the spec does not name one. */
  containerRuntime: 'apptainer' | 'docker';
}

/** ALCF Polaris (PBS Pro): 4 × A100 and 32 cores / 64 threads per node, whole-node allocation. */
export const POLARIS_PROFILE: SchedulerProfile = {
  name: 'polaris',
  description: 'ALCF Polaris (PBS Pro, 4 A100 per node, Apptainer via modules)',
  scheduler: 'pbs',
  requireAccount: true,
  defaultQueue: 'debug',
  queues: [
    { name: 'debug', minNodes: 1, maxNodes: 2, minWalltime: '00:05:00', maxWalltime: '01:00:00' },
    { name: 'debug-scaling', minNodes: 1, maxNodes: 10, minWalltime: '00:05:00', maxWalltime: '01:00:00' },
    {
      name: 'prod', minNodes: 10, maxNodes: 496, minWalltime: '00:05:00', maxWalltime: '24:00:00',
      note: 'prod routes by size: small 10-24 nodes ≤ 3 h, medium 25-99 ≤ 6 h, large 100-496 ≤ 24 h',
      routes: [
        { name: 'small', minNodes: 10, maxNodes: 24, maxWalltime: '03:00:00' },
        { name: 'medium', minNodes: 25, maxNodes: 99, maxWalltime: '06:00:00' },
        { name: 'large', minNodes: 100, maxNodes: 496, maxWalltime: '24:00:00' },
      ],
    },
    {
      name: 'preemptable', minNodes: 1, maxNodes: 10, minWalltime: '00:05:00', maxWalltime: '72:00:00',
      note: 'jobs may be killed for demand jobs; use requeue (-r y) and checkpoints',
    },
    { name: 'demand', minNodes: 1, maxNodes: 56, minWalltime: '00:05:00', maxWalltime: '01:00:00' },
  ],
  maxGpusPerNode: 4,
  maxCpusPerNode: 64,
  filesystems: { default: ['home', 'grand'], allowed: ['home', 'grand', 'eagle', 'swift'] },
  select: { system: 'polaris' },
  place: 'scatter',
  launcher: 'mpiexec-pals',
  launchSingleRank: true,
  moduleUse: ['/soft/modulefiles'],
  containerModules: ['spack-pe-base/0.8.1', 'apptainer', 'e2fsprogs'],
  env: {
    http_proxy: 'http://proxy.alcf.anl.gov:3128',
    https_proxy: 'http://proxy.alcf.anl.gov:3128',
    HTTP_PROXY: 'http://proxy.alcf.anl.gov:3128',
    HTTPS_PROXY: 'http://proxy.alcf.anl.gov:3128',
  },
  containerRuntime: 'apptainer',
};

/** A generic PBS Pro / OpenPBS site: explicit `select` resources, `mpiexec` for many ranks. */
export const PBS_PROFILE: SchedulerProfile = {
  name: 'pbs',
  description: 'generic PBS Pro / OpenPBS (select=N:ncpus:mpiprocs:ngpus:mem, mpiexec)',
  scheduler: 'pbs',
  requireAccount: false,
  select: 'resources',
  place: 'scatter',
  launcher: 'mpiexec',
  launchSingleRank: false,
  containerRuntime: 'apptainer',
};

/** A generic SLURM cluster: `srun` launches the ranks. */
export const SLURM_PROFILE: SchedulerProfile = {
  name: 'slurm',
  description: 'generic SLURM (sbatch directives, srun launch, --signal + --requeue)',
  scheduler: 'slurm',
  requireAccount: false,
  launcher: 'srun',
  launchSingleRank: true,
  containerRuntime: 'apptainer',
};

/** Every built-in profile by name. */
export const PROFILES: Readonly<Record<string, SchedulerProfile>> = {
  polaris: POLARIS_PROFILE,
  pbs: PBS_PROFILE,
  slurm: SLURM_PROFILE,
};

/** Looks a profile up by name; throws an Error listing the known names otherwise. */
export function getProfile(name: string): SchedulerProfile {
  const p = Object.prototype.hasOwnProperty.call(PROFILES, name) ? PROFILES[name] : undefined;
  if (!p) throw new Error(`unknown profile "${name}"; known profiles: ${Object.keys(PROFILES).join(', ')}`);
  return p;
}
