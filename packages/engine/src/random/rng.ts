/**
 * The project's one seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's "small fast
 * chaotic" generator, four 32-bit words) seeded through splitmix32. It gives the same stream on
 * every runtime, has no global state, and its whole state can be saved and restored exactly.
 *
 * This module is side-effect free and imports nothing (in particular not TensorFlow.js), so worker
 * threads can load it through the `@weatherlearn/engine/rng` subpath.
 */

/** The serialisable (JSON-safe) state of an {@link Rng}, from {@link Rng.state}. */
export interface RngState {
  /** Always `'sfc32'`: guards against restoring another generator's state. */
  algorithm: 'sfc32';
  /** The four 32-bit words `a, b, c, d` of sfc32 (unsigned integers). */
  s: [number, number, number, number];
  /** The cached second Box–Muller sample, or `null` when none is cached. */
  spare: number | null;
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

function checkSeed(seed: number, what: string): number {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`${what}: seed must be a finite number, got ${String(seed)}`);
  }
  return seed >>> 0;
}

const isUint32 = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff;

/**
 * A small, fast, seeded PRNG (sfc32 seeded through splitmix32). Every generated file, crop offset
 * and shuffle in the project is reproducible from one integer seed with it.
 */
export class Rng {
  private a = 0; private b = 0; private c = 0; private d = 0;
  private spare: number | undefined;

  /**
   * Creates a generator from a seed (reduced to an unsigned 32-bit integer with `seed >>> 0`).
   * @throws RangeError when the seed is not a finite number
   */
  constructor(seed: number) {
    let s = checkSeed(seed, 'Rng');
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

  /**
   * A generator for one item (e.g. a file, keyed by its path relative to the input root) of a run
   * seeded with `seed`: it depends only on `(seed, key)`, never on which worker draws from it, on
   * the worker count or on the processing order.
   * @throws RangeError when the seed is not a finite number
   */
  static fromKey(seed: number, key: string): Rng {
    const s = checkSeed(seed, 'Rng.fromKey');
    if (typeof key !== 'string') throw new TypeError(`Rng.fromKey: key must be a string, got ${typeof key}`);
    return new Rng((fnv1a32(`${s}:${key}`) ^ Math.imul(s, 0x9e3779b1)) >>> 0);
  }

  /** A generator restored from a {@link RngState} (see {@link Rng.restore}). */
  static fromState(state: RngState): Rng {
    return new Rng(0).restore(state);
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1) with 32 bits of randomness. */
  next(): number { return this.uint32() / 4294967296; }

  /** Uniform in [lo, hi). */
  uniform(lo = 0, hi = 1): number { return lo + (hi - lo) * this.next(); }

  /**
   * Integer in [lo, hi] inclusive, like `np.random.randint(lo, hi + 1)` (fine for spans up to 2³²).
   * @throws RangeError when `hi < lo` or a bound is not finite
   */
  int(lo: number, hi: number): number {
    if (!(hi >= lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new RangeError(`Rng.int: need finite lo <= hi, got [${lo}, ${hi}]`);
    }
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** A normal sample (Box–Muller, caching the second value of each pair). */
  normal(mean = 0, std = 1): number {
    if (this.spare !== undefined) { const v = this.spare; this.spare = undefined; return mean + std * v; }
    let u = 0; while (u === 0) u = this.next();
    const r = Math.sqrt(-2 * Math.log(u)), th = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(th);
    return mean + std * r * Math.cos(th);
  }

  /**
   * Picks one element uniformly.
   * @throws RangeError when `items` is empty
   */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i]!; items[i] = items[j]!; items[j] = t;
    }
    return items;
  }

  /**
   * A Float32Array of `n` normal samples.
   * @throws RangeError when `n` is not a non-negative integer
   */
  normals(n: number, mean = 0, std = 1): Float32Array {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Rng.normals: n must be a non-negative integer, got ${n}`);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal(mean, std);
    return out;
  }

  /**
   * An independent generator derived from this one and a label (e.g. a file name). It advances
   * this generator by one draw, so successive forks with the same label differ.
   */
  fork(label: string | number): Rng {
    let h = this.uint32();
    for (const ch of String(label)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return new Rng(h);
  }

  /** The current state, JSON-safe (e.g. for a checkpoint); {@link Rng.restore} resumes exactly. */
  state(): RngState {
    return { algorithm: 'sfc32', s: [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0], spare: this.spare ?? null };
  }

  /**
   * Replaces this generator's state with `state` (from {@link Rng.state}, possibly after a JSON
   * round trip); returns `this`.
   * @throws TypeError when `state` is not a valid sfc32 state
   */
  restore(state: RngState): this {
    const st = state as Partial<RngState> | null | undefined;
    const s = st?.s;
    if (st?.algorithm !== 'sfc32' || !Array.isArray(s) || s.length !== 4 || !s.every(isUint32)) {
      throw new TypeError(`Rng.restore: expected { algorithm: 'sfc32', s: [4 × uint32], spare }, got ${JSON.stringify(state)}`);
    }
    const spare = st.spare;
    if (spare !== null && spare !== undefined && (typeof spare !== 'number' || !Number.isFinite(spare))) {
      throw new TypeError(`Rng.restore: field "spare" must be a finite number or null, got ${JSON.stringify(spare)}`);
    }
    [this.a, this.b, this.c, this.d] = s as [number, number, number, number];
    this.spare = spare ?? undefined;
    return this;
  }
}

/**
 * The one way to derive an independent, reproducible stream from a run's seed and a few keys
 * (`streamFor(seed, 'multi-crop', epoch, index)`, `streamFor(seed, 'drop-path', rank)`): the same
 * seed and keys always give the same stream, different keys give unrelated ones.
 */
export function streamFor(seed: number, ...keys: (string | number)[]): Rng {
  return new Rng(fnv1a32([checkSeed(seed, 'streamFor'), ...keys].join('/')));
}

/**
 * The indices `0..n-1` in the order of epoch `epoch` of a run seeded with `seed`: the one epoch
 * shuffle of the project (Fisher–Yates driven by `streamFor(seed, 'epoch-order', epoch)`). A pure
 * function of `(n, seed, epoch)`, so a loader can serve batch `i` of any epoch without state and a
 * resumed run sees exactly the order an uninterrupted one would.
 * @throws RangeError when `n` is not a non-negative integer or `seed`/`epoch` is not finite
 */
export function epochOrder(n: number, seed: number, epoch: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`epochOrder: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(epoch) || epoch < 0) throw new RangeError(`epochOrder: epoch must be a non-negative integer, got ${epoch}`);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const rng = streamFor(seed, 'epoch-order', epoch);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = out[i]!; out[i] = out[j]!; out[j] = t;
  }
  return out;
}
