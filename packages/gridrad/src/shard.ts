/** `--shard i/n`: split a sorted work list between the tasks of a SLURM/PBS job array. */

import type { Shard } from '@weatherlearn/engine/shard';

// The `i/n` parser is shared with every shardable command (one form for all job arrays).
export { parseShard, type Shard } from '@weatherlearn/engine/shard';

/** The items of one shard: every `count`-th item of the (sorted) list, starting at `index`. */
export function selectShard<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return [...items];
  return items.filter((_, i) => i % shard.count === shard.index);
}
