/**
 * Seeded crop offsets. Each input file gets its own generator derived from the run seed and the
 * file's key (its path relative to the input root), so an offset never depends on which worker
 * handled the file, on the worker count or on the processing order.
 */

/** FNV-1a 32-bit hash of a string (UTF-16 code units). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** A small seeded PRNG (sfc32 seeded through splitmix32) returning uniform 32-bit integers. */
export class FileRng {
  private a: number; private b: number; private c: number; private d: number;

  /** Seeds from the run seed and a per-file key. */
  constructor(seed: number, key: string) {
    let s = (fnv1a32(`${seed >>> 0}:${key}`) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform integer in [lo, hi] (inclusive), like `np.random.randint(lo, hi + 1)`. */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.uint32() / 4294967296) * (hi - lo + 1));
  }
}

/** Top-left corner of a crop. */
export interface CropOffset { y: number; x: number }

/**
 * The crop offset of one file: `y ∈ [0, H − crop]`, `x ∈ [0, W − crop]`, drawn from a generator
 * seeded by `seed` and `key` (as the original's `np.random.randint(0, H − 2048 + 1)`, but seeded).
 * @throws RangeError when the crop does not fit the image
 */
export function cropOffsetFor(seed: number, key: string, height: number, width: number, cropSize: number): CropOffset {
  if (cropSize > height || cropSize > width) {
    throw new RangeError(`crop size ${cropSize} does not fit an image of ${height}×${width}`);
  }
  const rng = new FileRng(seed, key);
  const y = rng.int(0, height - cropSize);
  const x = rng.int(0, width - cropSize);
  return { y, x };
}
