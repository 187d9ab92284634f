/** A linear map from a data interval to a pixel interval. */
export class LinearScale {
  constructor(readonly d0: number, readonly d1: number, readonly p0: number, readonly p1: number) {
    if (!(Number.isFinite(d0) && Number.isFinite(d1))) throw new Error(`LinearScale: domain must be finite, got ${d0}..${d1}`);
  }

  /** Pixel position of a data value. */
  map(v: number): number {
    const span = this.d1 - this.d0;
    return span === 0 ? (this.p0 + this.p1) / 2 : this.p0 + ((v - this.d0) / span) * (this.p1 - this.p0);
  }

  /** Data value at a pixel position. */
  invert(p: number): number {
    const span = this.p1 - this.p0;
    return span === 0 ? this.d0 : this.d0 + ((p - this.p0) / span) * (this.d1 - this.d0);
  }
}

/** About `count` round tick values (1, 2, 2.5, 5 × 10^k steps) inside [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return [];
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/** Formats a tick value compactly (no float noise, exponent for very large/small). */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(6)));
}
