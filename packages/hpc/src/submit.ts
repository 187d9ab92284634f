import { execFile } from 'node:child_process';

/** Options for {@link submitScript}. */
export interface SubmitOptions {
  /** Environment for `sbatch`/`qsub` (the app passes its own; packages never read process.env). */
  env?: Record<string, string | undefined>;
  /** Extra arguments before the script path (e.g. `['--test-only']`). */
  args?: string[];
  /** Program to run instead of `sbatch`/`qsub` (tests, wrappers). */
  program?: string;
  /** Give up after this many milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** What the scheduler said. */
export interface SubmitResult {
  /** The job id (`12345`, `12345.polaris-pbs-01`), or undefined when none was printed. */
  jobId?: string;
  /** Everything the submit command printed on stdout and stderr. */
  output: string;
}

/**
 * Submits a script with `sbatch --parsable` (SLURM) or `qsub` (PBS) and returns the job id.
 * Throws an Error with the command's output when it fails (missing program, rejected script).
 */
export function submitScript(path: string, scheduler: 'slurm' | 'pbs', opts: SubmitOptions = {}): Promise<SubmitResult> {
  const program = opts.program ?? (scheduler === 'slurm' ? 'sbatch' : 'qsub');
  const args = [...(scheduler === 'slurm' && !opts.args?.includes('--test-only') ? ['--parsable'] : []), ...(opts.args ?? []), path];
  return new Promise((resolve, reject) => {
    execFile(program, args, { env: opts.env as NodeJS.ProcessEnv | undefined, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error) {
          const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} not found on PATH` : output || error.message;
          reject(new Error(`${program} ${args.join(' ')}: ${why}`));
          return;
        }
        const m = scheduler === 'slurm' ? /^(\d+)(?:;\S+)?\s*$/m.exec(stdout) : /^(\S+)\s*$/m.exec(stdout.trim());
        resolve(m ? { jobId: m[1]!, output } : { output });
      });
  });
}
