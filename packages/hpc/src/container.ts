import type { ContainerSpec } from './jobspec.js';
import { shellQuote } from './quote.js';

/** Variables a Docker container must receive explicitly (Apptainer passes the environment). */
export const DISTRIBUTED_ENV = ['RANK', 'LOCAL_RANK', 'WORLD_SIZE', 'MASTER_ADDR', 'MASTER_PORT'];

/** Options for {@link containerPrefix}. */
export interface ContainerOptions {
  /** Runtime when the spec names none. */
  runtime: 'apptainer' | 'docker';
  /** Give the container the node's GPUs (`--nv` / `--gpus all`). */
  gpus: boolean;
  /** Extra variable names to pass into a Docker container (`-e NAME`). */
  passEnv: readonly string[];
}

/**
 * The words that run a command inside `container`, already shell-quoted, to be followed by the
 * command's words: `apptainer exec --nv -B /d:/data image.sif` or
 * `docker run --rm --gpus all --network host -v /d:/data -e RANK … image`.
 */
export function containerPrefix(container: ContainerSpec, opts: ContainerOptions): string[] {
  const runtime = container.runtime ?? opts.runtime;
  const binds = container.binds ?? [];
  if (runtime === 'apptainer') {
    return [
      'apptainer', 'exec',
      ...(opts.gpus ? ['--nv'] : []),
      ...binds.flatMap((b) => ['-B', shellQuote(b)]),
      shellQuote(container.image),
    ];
  }
  const names = [...new Set([...DISTRIBUTED_ENV, ...opts.passEnv])];
  return [
    'docker', 'run', '--rm', '--init',
    ...(opts.gpus ? ['--gpus', 'all'] : []),
    '--network', 'host', '--ipc', 'host',
    ...binds.flatMap((b) => ['-v', shellQuote(b)]),
    ...names.flatMap((n) => ['-e', n]),
    shellQuote(container.image),
  ];
}
