import type { ResolvedJobSpec } from './jobspec.js';
import type { SchedulerProfile } from './profiles.js';
import { shellQuote } from './quote.js';

/** Per-rank variables as each launcher exposes them. */
const RANK_SOURCES = {
  slurm: { rank: '$SLURM_PROCID', local: '$SLURM_LOCALID', size: '$SLURM_NTASKS' },
  pbs: {
    rank: '${PMI_RANK:-${PALS_RANKID:-${OMPI_COMM_WORLD_RANK:-0}}}',
    local: '${PMI_LOCAL_RANK:-${PALS_LOCAL_RANKID:-${OMPI_COMM_WORLD_LOCAL_RANK:-0}}}',
    size: '${PMI_SIZE:-${OMPI_COMM_WORLD_SIZE:-$WORLD_SIZE}}',
  },
} as const;

/**
 * The per-rank wrapper, already quoted: `bash -c 'export RANK=… LOCAL_RANK=… WORLD_SIZE=…;
 * exec "$@"' weatherlearn-rank`, followed by the real command. It runs once per rank, after the
 * launcher has set `SLURM_PROCID`/`SLURM_LOCALID` or `PMI_RANK`/`PMI_LOCAL_RANK`.
 */
export function rankWrapper(scheduler: 'slurm' | 'pbs'): string[] {
  const v = RANK_SOURCES[scheduler];
  const script = `export RANK="${v.rank}" LOCAL_RANK="${v.local}" WORLD_SIZE="${v.size}"; exec "$@"`;
  return ['bash', '-c', shellQuote(script), 'weatherlearn-rank'];
}

/** True when the command needs a launcher (several ranks, or a profile that always uses one). */
export function usesLauncher(spec: ResolvedJobSpec, profile: SchedulerProfile): boolean {
  if (profile.launcher === 'none') return false;
  return profile.launchSingleRank || spec.nodes * spec.tasksPerNode > 1;
}

/**
 * Lines run once in the batch shell: the rendezvous (`MASTER_ADDR` = first node, `MASTER_PORT`
 * derived from the job id unless set) and `WORLD_SIZE`; PBS also computes the node count.
 */
export function distributedEnvLines(spec: ResolvedJobSpec, profile: SchedulerProfile): string[] {
  const ranks = spec.nodes * spec.tasksPerNode;
  if (profile.scheduler === 'slurm') {
    return [
      'export MASTER_ADDR="${MASTER_ADDR:-$(scontrol show hostnames "$SLURM_JOB_NODELIST" | sed -n 1p)}"',
      'export MASTER_PORT="${MASTER_PORT:-$((20000 + SLURM_JOB_ID % 20000))}"',
      `export WORLD_SIZE="\${SLURM_NTASKS:-${ranks}}"`,
    ];
  }
  return [
    'if [ -n "${PBS_NODEFILE:-}" ] && [ -r "$PBS_NODEFILE" ]; then',
    '  NNODES="$(sort -u "$PBS_NODEFILE" | wc -l)"',
    '  WL_FIRST_NODE="$(sed -n 1p "$PBS_NODEFILE")"',
    'else',
    `  NNODES=${spec.nodes}`,
    '  WL_FIRST_NODE="$(hostname)"',
    'fi',
    `NRANKS_PER_NODE=${spec.tasksPerNode}`,
    `NDEPTH=${spec.cpusPerTask}`,
    'NTOTRANKS=$((NNODES * NRANKS_PER_NODE))',
    'export MASTER_ADDR="${MASTER_ADDR:-$WL_FIRST_NODE}"',
    'export MASTER_PORT="${MASTER_PORT:-$((20000 + ${WL_ARRAY_INDEX:-0} % 20000))}"',
    'export WORLD_SIZE="$NTOTRANKS"',
  ];
}

/** The launcher words (quoted) that start every rank, e.g. `srun --kill-on-bad-exit=1 …`. */
export function launcherWords(spec: ResolvedJobSpec, profile: SchedulerProfile): string[] {
  switch (profile.launcher) {
    case 'srun':
      return [
        'srun', '--kill-on-bad-exit=1', `--nodes=${spec.nodes}`, `--ntasks-per-node=${spec.tasksPerNode}`,
        `--cpus-per-task=${spec.cpusPerTask}`,
      ];
    case 'mpiexec-pals':
      return ['mpiexec', '-n', '"$NTOTRANKS"', '--ppn', '"$NRANKS_PER_NODE"', '--depth="$NDEPTH"', '--cpu-bind', 'depth'];
    case 'mpiexec':
      return ['mpiexec', '-n', '"$NTOTRANKS"'];
    case 'none':
      return [];
  }
}
