/**
 * The scheduler-neutral description of one batch job. The same object renders to a SLURM script
 * ({@link renderSlurm}) or a PBS script ({@link renderPbs}); as a JSON file it uses exactly these
 * camelCase field names.
 */
export interface JobSpec {
  /** Job name (`--job-name` / `-N`). Letters, digits, `._-`; PBS wants a letter first. */
  name: string;
  /** Project/allocation to charge (`--account` / `-A`). Mandatory on Polaris. */
  account?: string;
  /** SLURM partition or PBS queue (`--partition` / `-q`). */
  partition?: string;
  /** Number of nodes (default 1). */
  nodes?: number;
  /** Processes (ranks) per node (default 1). One rank per GPU is the usual choice. */
  tasksPerNode?: number;
  /** GPUs per node: a count (`4`) or `type:count` (`"a100:4"`) as in SLURM GRES (default 0). */
  gpusPerNode?: number | string;
  /** CPU cores per task (`--cpus-per-task`; PBS `ncpus`/`--depth`). */
  cpusPerTask?: number;
  /** Memory per node, e.g. `"64G"`, `"500M"`, `"1T"` (SLURM `--mem`, PBS `mem=`). */
  memory?: string;
  /** Wall-clock limit, `"HH:MM:SS"` (hours may exceed 24: `"72:00:00"`). */
  walltime: string;
  /** Job array: a range `"0-3"`, a throttled range `"0-15%4"`, or a list `"1,3,5"`. */
  array?: string;
  /** Standard-output file (SLURM may use `%j`, `%A`, `%a`). */
  output?: string;
  /** Standard-error file; when absent it is joined with the output. */
  error?: string;
  /** Environment variables exported before the launch; values are literal (never expanded). */
  env?: Record<string, string>;
  /** Environment modules to `module load`, in order. */
  modules?: string[];
  /** Run the command inside a container. */
  container?: ContainerSpec;
  /**
   * The command, as an argument vector (preferred) or one string split like a shell would split
   * it (quotes allowed, no `$`, `;`, `|`, `&`, `<`, `>`, backquotes). Placeholders `{shard}`,
   * `{arrayIndex}` and `{jobId}` expand at run time.
   */
  command: string | string[];
  /** Requeue the job after it checkpointed on the pre-timeout signal (SLURM), rerunnable on PBS. */
  requeue?: boolean;
  /**
   * Seconds before the wall-clock limit at which the job receives SIGUSR1 (forwarded to every
   * rank) so the trainer can checkpoint; `0`/`false` disables. Default 90.
   */
  signalBeforeTimeout?: number | false;
  /** PBS `-l filesystems=` list (Polaris); defaults to the profile's list. */
  filesystems?: string[];
}

/** Container wrapping of the command. */
export interface ContainerSpec {
  /** Image: an Apptainer `.sif` path / `docker://` URI, or a Docker image reference. */
  image: string;
  /** Bind mounts, `"host:container"` or `"host:container:ro"`. */
  binds?: string[];
  /** Container runtime (default: the profile's, `apptainer` for every built-in profile). */
  runtime?: 'apptainer' | 'docker';
}

/** Every field a JobSpec JSON file may hold (others are reported as unknown). */
export const JOB_SPEC_FIELDS = [
  'name', 'account', 'partition', 'nodes', 'tasksPerNode', 'gpusPerNode', 'cpusPerTask', 'memory',
  'walltime', 'array', 'output', 'error', 'env', 'modules', 'container', 'command', 'requeue',
  'signalBeforeTimeout', 'filesystems',
] as const;

/** Defaults applied to absent optional fields by {@link withDefaults}. */
export const DEFAULT_JOB_SPEC = {
  nodes: 1,
  tasksPerNode: 1,
  gpusPerNode: 0,
  cpusPerTask: 1,
  requeue: false,
  signalBeforeTimeout: 90,
} as const;

/** A JobSpec whose numeric defaults are filled in. */
export type ResolvedJobSpec = JobSpec & {
  nodes: number;
  tasksPerNode: number;
  gpusPerNode: number | string;
  cpusPerTask: number;
  requeue: boolean;
  signalBeforeTimeout: number | false;
};

/** Returns a copy of `spec` with {@link DEFAULT_JOB_SPEC} applied to absent fields. */
export function withDefaults(spec: JobSpec): ResolvedJobSpec {
  return {
    ...spec,
    nodes: spec.nodes ?? DEFAULT_JOB_SPEC.nodes,
    tasksPerNode: spec.tasksPerNode ?? DEFAULT_JOB_SPEC.tasksPerNode,
    gpusPerNode: spec.gpusPerNode ?? DEFAULT_JOB_SPEC.gpusPerNode,
    cpusPerTask: spec.cpusPerTask ?? DEFAULT_JOB_SPEC.cpusPerTask,
    requeue: spec.requeue ?? DEFAULT_JOB_SPEC.requeue,
    signalBeforeTimeout: spec.signalBeforeTimeout ?? DEFAULT_JOB_SPEC.signalBeforeTimeout,
  };
}

/** Parses `gpusPerNode` (`4`, `"4"`, `"a100:4"`) into a type and a count; undefined if malformed. */
export function parseGpus(value: number | string): { type?: string; count: number } | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? { count: value } : undefined;
  }
  const m = /^(?:([A-Za-z][A-Za-z0-9_.-]*):)?(\d{1,4})$/.exec(value);
  if (!m || m[1]?.toLowerCase() === 'gpu') return undefined;
  return m[1] ? { type: m[1], count: Number(m[2]) } : { count: Number(m[2]) };
}
