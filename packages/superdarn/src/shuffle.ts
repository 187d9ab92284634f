import { Rng } from '@weatherlearn/engine/rng';

/**
 * A shuffled copy of `items` (Fisher–Yates) for `seed` and `epoch`: each epoch gets its own order,
 * the same on every runtime. Drawn from the shared seeded `Rng` of `@weatherlearn/engine/rng`.
 */
export function shuffled<T>(items: readonly T[], seed: number, epoch = 0): T[] {
  return new Rng((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0).shuffle(items.slice());
}
