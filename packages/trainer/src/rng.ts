/**
 * A small seeded generator (xoshiro128**, seeded through splitmix32) whose whole state is four
 * 32-bit words, so it can be saved in a checkpoint and restored for an exact resume.
 */
export class Rng {
  private s: Uint32Array;

  /** Creates a generator from an integer seed (the same seed always gives the same stream). */
  constructor(seed = 0) {
    this.s = new Uint32Array(4);
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (!this.s.some((v) => v !== 0)) this.s[0] = 1;
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2]! ^= s[0]!; s[3]! ^= s[1]!; s[1]! ^= s[2]!; s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** The state as four unsigned integers (JSON-safe). */
  getState(): number[] {
    return Array.from(this.s);
  }

  /** Restores a state from {@link getState}. */
  setState(state: readonly number[]): void {
    if (!Array.isArray(state) || state.length !== 4 || state.some((v) => !Number.isInteger(v) || v < 0 || v > 0xffffffff)) {
      throw new Error(`Rng.setState: expected 4 unsigned 32-bit integers, got ${JSON.stringify(state)}`);
    }
    this.s = Uint32Array.from(state);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * The indices `0..n-1` in the order of epoch `epoch` for a run seeded with `seed` (Fisher–Yates
 * driven by an {@link Rng} seeded from both): a pure function, so a loader can serve batch `i` of
 * any epoch without state, and resume is exact.
 */
export function shuffledIndices(n: number, seed: number, epoch: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const rng = new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca77)) >>> 0);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i]!; out[i] = out[j]!; out[j] = t;
  }
  return out;
}

/**
 * Replaces `Math.random` with `rng` (TensorFlow.js draws the seeds of unseeded `randomNormal`,
 * `randomUniform` and `dropout` from it) until the returned function is called. This is what makes
 * stochastic models (dropout, DropPath, latent noise) repeat bit for bit — like Lightning's
 * `seed_everything`. Anything else calling `Math.random` meanwhile consumes the same stream.
 */
export function installSeededMathRandom(rng: Rng): () => void {
  const original = Math.random;
  Math.random = () => rng.next();
  return () => { Math.random = original; };
}
