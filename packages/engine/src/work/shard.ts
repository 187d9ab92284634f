/**
 * `--shard i/n`: the one form in which SLURM/PBS job arrays (see `@weatherlearn/hpc`) tell a
 * preprocessing task which part of the work is its own. Side-effect free and free of TensorFlow.js,
 * so worker threads import it through the `@weatherlearn/engine/shard` subpath.
 */

/** One shard of a job array: `index` in [0, count). */
export interface Shard { index: number; count: number }

/**
 * Parses `i/n` (0 ≤ i < n).
 * @throws Error with the expected form when the text is not a valid shard
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new Error(`invalid shard '${text}': expected i/n, e.g. 0/4 (i from 0 to n-1)`);
  const index = Number(m[1]), count = Number(m[2]);
  if (count < 1 || index >= count) throw new Error(`invalid shard '${text}': need 0 ≤ i < n and n ≥ 1`);
  return { index, count };
}
