// Test helper: run one job array of any command through a generated SLURM script. The command is
// a parameter so the same helper drives a tiny shell command here and a real sharded
// `weatherlearn gridrad preprocess` run elsewhere.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArray, renderSlurm, writeJobScript, type JobSpec } from '../src/index.js';
import type { Cluster } from './slurm-cluster.js';

/** What {@link runArrayJob} needs. */
export interface ArrayJobOptions {
  /** The command each task runs; `{shard}`/`{arrayIndex}` expand per task (or `--shard` is added to preprocessing commands). */
  command: string[];
  /** Array spec, e.g. `"0-3"`. */
  array: string;
  /** Folder for the script and logs. */
  workDir: string;
  /** Other JobSpec fields (walltime defaults to 5 minutes). */
  spec?: Partial<JobSpec>;
  /** Bound on the whole array (ms). */
  timeoutMs?: number;
}

/** Submits the array, waits for every task to finish and returns each task's final fields. */
export async function runArrayJob(cluster: Cluster, o: ArrayJobOptions): Promise<Record<string, string>[]> {
  mkdirSync(o.workDir, { recursive: true });
  const spec: JobSpec = {
    name: 'wl-array', walltime: '00:05:00', output: join(o.workDir, 'task-%a.log'), ...o.spec,
    array: o.array, command: o.command,
  };
  const script = join(o.workDir, 'array.sbatch');
  await writeJobScript(script, renderSlurm(spec));
  const id = cluster.run('sbatch', ['--parsable', script], o.workDir).trim().split(';')[0]!;
  const ids = parseArray(o.array).indices.map((i) => `${id}_${i}`);
  return cluster.waitFor(ids, ['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'], o.timeoutMs ?? 120_000);
}
