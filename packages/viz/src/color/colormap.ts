import { COLORMAP_TABLES } from './tables.js';

/** Names of the built-in colour maps. */
export type ColormapName = keyof typeof COLORMAP_TABLES;

/** An RGB triple, 0..255 each. */
export type Rgb = readonly [number, number, number];

/** The built-in colour maps: viridis/cividis/plasma (sequential), coolwarm (diverging). */
export const COLORMAPS = Object.keys(COLORMAP_TABLES) as ColormapName[];

const cache = new Map<ColormapName, Uint8Array>();

/** The 256×3 byte table of a colour map; throws naming the valid maps for an unknown name. */
export function colormapTable(name: ColormapName): Uint8Array {
  let t = cache.get(name);
  if (t) return t;
  const hex = (COLORMAP_TABLES as Record<string, string>)[name];
  if (hex === undefined) throw new Error(`unknown colour map '${name}' (valid: ${COLORMAPS.join(', ')})`);
  t = new Uint8Array(768);
  for (let i = 0; i < 768; i++) t[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  cache.set(name, t);
  return t;
}

/** Hex `#rrggbb` of an RGB triple. */
export function rgbHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A mapping from data values to colours: `vmin..vmax` → the colour map's 256 entries (values
 * outside are clipped to the ends; NaN has no colour).
 */
export class ColorScale {
  private readonly table: Uint8Array;

  constructor(readonly cmap: ColormapName, readonly vmin: number, readonly vmax: number) {
    if (!(Number.isFinite(vmin) && Number.isFinite(vmax))) throw new Error(`ColorScale: range must be finite, got ${vmin}..${vmax}`);
    this.table = colormapTable(cmap);
  }

  /** The table index 0..255 of a value (NaN → -1). */
  index(v: number): number {
    if (Number.isNaN(v)) return -1;
    const span = this.vmax - this.vmin;
    const t = span === 0 ? 0.5 : (v - this.vmin) / span;
    return Math.max(0, Math.min(255, Math.floor(t * 256)));
  }

  /** RGB of a value; undefined for NaN. */
  rgb(v: number): Rgb | undefined {
    const i = this.index(v);
    if (i < 0) return undefined;
    return [this.table[i * 3]!, this.table[i * 3 + 1]!, this.table[i * 3 + 2]!];
  }

  /** `#rrggbb` of a value; `none` for NaN. */
  hex(v: number): string {
    const c = this.rgb(v);
    return c ? rgbHex(c) : 'none';
  }
}

/** A symmetric range ±max|v| (for diverging maps), or ±1 when every value is 0/NaN. */
export function symmetricRange(values: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < values.length; i++) { const a = Math.abs(values[i]!); if (a > m && Number.isFinite(a)) m = a; }
  return m === 0 ? [-1, 1] : [-m, m];
}

/** Min/max of the finite values ([0, 1] when there are none; widened when they are all equal). */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) { const v = values[i]!; if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}
