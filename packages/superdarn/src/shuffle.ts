/** Deterministic PRNG (mulberry32) for shuffling: same seed, same order, on every runtime. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates) for `seed` and `epoch`: each epoch gets its own order. */
export function shuffled<T>(items: readonly T[], seed: number, epoch = 0): T[] {
  const rnd = mulberry32((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = out[i]; out[i] = out[j]; out[j] = t;
  }
  return out;
}
