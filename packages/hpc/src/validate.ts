import { parseGpus, withDefaults, type JobSpec } from './jobspec.js';
import type { Problem } from './problem.js';
import type { QueueLimit, SchedulerProfile } from './profiles.js';
import { shapeProblems } from './validate-shape.js';
import { formatWalltime, parseWalltime } from './walltime.js';
import { parseArray } from './array.js';
import { commandArgv, isShardable, placeholdersIn, withShard } from './command.js';

const err = (field: string, message: string, hint: string): Problem => ({ severity: 'error', field, message, hint });
const warn = (field: string, message: string, hint: string): Problem => ({ severity: 'warning', field, message, hint });

/**
 * Checks `spec` against `profile` and returns every problem found, each with a hint: required
 * fields, types, walltime format and queue limits, GPU/task consistency, GRES syntax, values that
 * are unsafe in directives, array/shard consistency. An empty list means the spec renders.
 */
export function validate(spec: JobSpec | unknown, profile: SchedulerProfile): Problem[] {
  const out = shapeProblems(spec);
  const bad = new Set(out.map((p) => p.field.split(/[.[]/)[0]));
  const s = withDefaults(spec as JobSpec);
  const ok = (f: string) => !bad.has(f) && (s as unknown as Record<string, unknown>)[f] !== undefined;

  if (profile.requireAccount && !ok('account') && !bad.has('account')) {
    out.push(err('account', `required on ${profile.name}`, 'add "account": "<your project>" (PBS -A)'));
  }
  const wall = ok('walltime') ? parseWalltime(s.walltime) : undefined;
  if (wall !== undefined && ok('signalBeforeTimeout') && s.signalBeforeTimeout !== false && s.signalBeforeTimeout >= wall) {
    out.push(err('signalBeforeTimeout', `${s.signalBeforeTimeout} s is not less than the walltime (${wall} s)`, 'use a few minutes less than the walltime, e.g. 90'));
  }
  if (s.requeue === true && (s.signalBeforeTimeout === false || s.signalBeforeTimeout === 0)) {
    out.push(warn('requeue', 'requeue without a pre-timeout signal only happens on preemption/node failure', 'set "signalBeforeTimeout": 90 so the job checkpoints and requeues itself'));
  }
  queueProblems(out, s, profile, wall, ok);
  gpuProblems(out, s, profile, ok);
  if (profile.maxCpusPerNode !== undefined && ok('tasksPerNode') && ok('cpusPerTask') && s.tasksPerNode * s.cpusPerTask > profile.maxCpusPerNode) {
    out.push(err('cpusPerTask', `${s.tasksPerNode} tasks × ${s.cpusPerTask} CPUs exceeds ${profile.maxCpusPerNode} hardware threads per node on ${profile.name}`, `use at most ${Math.floor(profile.maxCpusPerNode / s.tasksPerNode)} CPUs per task`));
  }
  if (profile.scheduler === 'pbs') pbsProblems(out, s, profile, ok);
  if (ok('command') && !bad.has('command')) {
    const argv = commandArgv(s.command);
    const arr = ok('array') ? parseArray(s.array!) : undefined;
    const used = placeholdersIn(ok('array') ? withShard(argv) : argv);
    if (!arr && used.some((p) => p !== '{jobId}')) {
      out.push(err('command', `uses ${used.filter((p) => p !== '{jobId}').join(', ')} but the job is not an array`, 'add "array": "0-3" or remove the placeholder'));
    }
    if (arr && !arr.contiguous && used.includes('{shard}')) {
      out.push(err('array', `"${s.array}" is not a plain range, so a task index cannot map to a shard i/n`, 'use a range "0-N" for sharded preprocessing'));
    }
    if (arr && !isShardable(argv) && used.length === 0) {
      out.push(warn('array', 'every array task runs the same command', 'use {shard} or {arrayIndex} in the command, or a gridrad/superdarn preprocessing command'));
    }
  }
  if (s.container && !bad.has('container') && (s.container.runtime ?? profile.containerRuntime) === 'docker' && ok('nodes') && s.nodes > 1) {
    out.push(warn('container.runtime', 'docker across several nodes needs host networking and a daemon on every node', 'prefer apptainer on HPC systems'));
  }
  return out;
}

function findQueue(profile: SchedulerProfile, name: string | undefined): QueueLimit | undefined {
  return name === undefined ? undefined : profile.queues?.find((q) => q.name === name);
}

function queueProblems(out: Problem[], s: ReturnType<typeof withDefaults>, profile: SchedulerProfile, wall: number | undefined, ok: (f: string) => boolean): void {
  if (!profile.queues || (s.partition !== undefined && !ok('partition'))) return;
  const name = s.partition ?? profile.defaultQueue;
  const q = findQueue(profile, name);
  if (!q) {
    out.push(err('partition', `queue "${name}" is not a ${profile.name} queue`, `one of: ${profile.queues.map((x) => x.name).join(', ')}`));
    return;
  }
  const limits: QueueLimit[] = [q];
  if (q.routes && ok('nodes')) {
    const r = q.routes.find((x) => s.nodes >= (x.minNodes ?? 1) && s.nodes <= (x.maxNodes ?? Infinity));
    if (r) limits.push(r);
  }
  for (const l of limits) {
    const where = l === q ? `queue "${q.name}"` : `queue "${q.name}" (routed to "${l.name}")`;
    const note = q.note ? `; ${q.note}` : '';
    if (ok('nodes') && l.minNodes !== undefined && s.nodes < l.minNodes) out.push(err('nodes', `${s.nodes} node(s) is below the ${l.minNodes}-node minimum of ${where}`, `request ${l.minNodes}–${l.maxNodes} nodes or pick another queue${note}`));
    if (ok('nodes') && l.maxNodes !== undefined && s.nodes > l.maxNodes) out.push(err('nodes', `${s.nodes} nodes exceeds the ${l.maxNodes}-node maximum of ${where}`, `request at most ${l.maxNodes} nodes or pick another queue${note}`));
    if (wall !== undefined && l.maxWalltime && wall > parseWalltime(l.maxWalltime)!) out.push(err('walltime', `${s.walltime} exceeds the ${l.maxWalltime} limit of ${where}`, `use at most ${l.maxWalltime} (checkpoint and requeue for longer runs)${note}`));
    if (wall !== undefined && l.minWalltime && wall < parseWalltime(l.minWalltime)!) out.push(err('walltime', `${s.walltime} is below the ${l.minWalltime} minimum of ${where}`, `use at least ${formatWalltime(parseWalltime(l.minWalltime)!)}`));
  }
}

function gpuProblems(out: Problem[], s: ReturnType<typeof withDefaults>, profile: SchedulerProfile, ok: (f: string) => boolean): void {
  if (!ok('gpusPerNode')) return;
  const g = parseGpus(s.gpusPerNode);
  if (!g || g.count === 0) return;
  if (profile.maxGpusPerNode !== undefined && g.count > profile.maxGpusPerNode) {
    out.push(err('gpusPerNode', `${g.count} GPUs per node, but ${profile.name} nodes have ${profile.maxGpusPerNode}`, `use at most ${profile.maxGpusPerNode}`));
  }
  if (g.type && profile.scheduler === 'pbs') out.push(warn('gpusPerNode', `GPU type "${g.type}" is not expressible in a PBS select`, 'give a plain count'));
  if (!ok('tasksPerNode')) return;
  if (s.tasksPerNode > g.count) {
    out.push(err('tasksPerNode', `${s.tasksPerNode} ranks per node share ${g.count} GPU(s)`, `set "tasksPerNode": ${g.count} (one rank per GPU)`));
  } else if (g.count % s.tasksPerNode !== 0) {
    out.push(err('gpusPerNode', `${g.count} GPUs cannot be split evenly over ${s.tasksPerNode} ranks`, `use a multiple of ${s.tasksPerNode} GPUs or ${g.count} ranks`));
  } else if (s.tasksPerNode < g.count) {
    out.push(warn('tasksPerNode', `${s.tasksPerNode} rank(s) per node for ${g.count} GPUs: each rank must use several GPUs`, `set "tasksPerNode": ${g.count} for one rank per GPU`));
  }
}

function pbsProblems(out: Problem[], s: ReturnType<typeof withDefaults>, profile: SchedulerProfile, ok: (f: string) => boolean): void {
  if (profile.filesystems) {
    const fs = ok('filesystems') ? s.filesystems! : profile.filesystems.default;
    if (fs.length === 0) out.push(err('filesystems', `${profile.name} requires -l filesystems`, `e.g. ${JSON.stringify(profile.filesystems.default)}`));
    for (const f of fs) if (!profile.filesystems.allowed.includes(f)) out.push(err('filesystems', `"${f}" is not a ${profile.name} file system`, `one of: ${profile.filesystems.allowed.join(', ')}`));
  }
  if (profile.select !== 'resources' && s.memory !== undefined) {
    out.push(warn('memory', `${profile.name} allocates whole nodes; memory is not requested`, 'remove "memory"'));
  }
  if (ok('array')) {
    const a = parseArray(s.array!);
    if (!a.contiguous || a.count < 2) out.push(err('array', `PBS -J needs a range of at least two indices, got "${s.array}"`, 'use "A-B" with A < B (steps: "A-B:S" are not portable)'));
  }
  for (const f of ['output', 'error'] as const) {
    const v = s[f];
    if (ok(f) && v!.includes('%')) out.push(warn(f, `"${v}" uses % patterns, which PBS does not expand`, 'PBS names files <name>.o<jobid> by default; give a plain path'));
  }
}
