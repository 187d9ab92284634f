import { epochOrder } from '@weatherlearn/engine/rng';

/**
 * A shuffled copy of `items` (Fisher–Yates) for `seed` and `epoch`: each epoch gets its own order,
 * the same on every runtime: `items` permuted by the project's one `epochOrder(n, seed, epoch)`.
 */
export function shuffled<T>(items: readonly T[], seed: number, epoch = 0): T[] {
  return Array.from(epochOrder(items.length, seed, epoch), (i) => items[i]!);
}
