// Port of lizhuoq/WeatherLearn/weatherlearn/models/pangu/utils/pad.py:get_pad3d, get_pad2d
import type { PanguConfig } from './config.js';

/** A 3-D (pressure level, latitude, longitude) size. */
export type Res3 = [number, number, number];

/**
 * Zero padding of a (Pl, Lat, Lon) grid, in the original's order
 * (left, right, top, bottom, front, back) = (lon before/after, lat before/after, pl before/after).
 */
export type Pad3 = [number, number, number, number, number, number];

/** Splits `total` padding as the original does: the smaller half first. */
function split(total: number): [number, number] {
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Padding that makes `size` a multiple of `multiple`, split smaller-half-first. */
export function padFor(size: number, multiple: number): [number, number] {
  return split((multiple - (size % multiple)) % multiple);
}

/**
 * `get_pad3d`: padding of a (Pl, Lat, Lon) resolution up to multiples of the window,
 * as (left, right, top, bottom, front, back).
 */
export function getPad3d(resolution: Res3, window: Res3): Pad3 {
  const [f, b] = padFor(resolution[0], window[0]);
  const [t, bo] = padFor(resolution[1], window[1]);
  const [l, r] = padFor(resolution[2], window[2]);
  return [l, r, t, bo, f, b];
}

/** Resolution after applying a {@link Pad3}. */
export function padded(res: Res3, pad: Pad3): Res3 {
  return [res[0] + pad[4] + pad[5], res[1] + pad[2] + pad[3], res[2] + pad[0] + pad[1]];
}

/** Everything about one transformer stage that follows from the config. */
export interface StageGeometry {
  /** Token grid the stage works on. */
  resolution: Res3;
  /** Window padding of that grid. */
  pad: Pad3;
  /** Padded grid. */
  padResolution: Res3;
  /** Windows along pl × lat: the number of window types (each has its own earth bias). */
  typeOfWindows: number;
  /** Windows along longitude (they share the bias). */
  numLonWindows: number;
}

/** Derived sizes of a {@link PanguConfig}. */
export interface PanguGeometry {
  /** Token grid of layers 1 and 4: (1 surface + upper-air level patches, lat, lon). */
  tokens: Res3;
  /** Token grid of layers 2 and 3 (lat/lon halved and rounded up, or the seed's `gridSize // 6`). */
  tokensDown: Res3;
  /** Upper-air level patches (0 for a surface-only model). */
  upperTokens: number;
  /** Patch-embedding padding of the surface grid: (left, right, top, bottom). */
  embedPad2d: [number, number, number, number];
  /** Patch-embedding padding of the upper-air grid (left, right, top, bottom, front, back). */
  embedPad3d: Pad3;
  /** Stage geometry of layers 1 and 4. */
  stage1: StageGeometry;
  /** Stage geometry of layers 2 and 3. */
  stage2: StageGeometry;
  /** Rows of the earth-position bias table: Wpl²·Wlat²·(2·Wlon−1). */
  biasRows: number;
  /** Tokens per window Wpl·Wlat·Wlon. */
  windowTokens: number;
}

function stage(resolution: Res3, window: Res3): StageGeometry {
  const pad = getPad3d(resolution, window);
  const padResolution = padded(resolution, pad);
  return {
    resolution,
    pad,
    padResolution,
    typeOfWindows: (padResolution[0] / window[0]) * (padResolution[1] / window[1]),
    numLonWindows: padResolution[2] / window[2],
  };
}

/** Computes the token grids, paddings and window counts of a configuration. */
export function panguGeometry(c: PanguConfig): PanguGeometry {
  const [H, W] = c.gridSize;
  const [ph, pw] = c.patchSize2d;
  const [t2, b2] = padFor(H, ph);
  const [l2, r2] = padFor(W, pw);
  const [f3, k3] = c.upperLevels > 0 ? padFor(c.upperLevels, c.patchSize3d[0]) : [0, 0];
  const upperTokens = c.upperLevels > 0 ? (c.upperLevels + f3 + k3) / c.patchSize3d[0] : 0;
  const tokens: Res3 = [1 + upperTokens, (H + t2 + b2) / ph, (W + l2 + r2) / pw];
  const tokensDown: Res3 = c.downsample === 'seed'
    ? [tokens[0], Math.floor(H / 6), Math.floor(W / 6)]
    : [tokens[0], Math.ceil(tokens[1] / 2), Math.ceil(tokens[2] / 2)];
  for (const a of [1, 2] as const) {
    if (tokensDown[a] < Math.ceil(tokens[a] / 2) || tokensDown[a] > tokens[a]) {
      throw new Error(`PanguConfig.downsample "${c.downsample}": gridSize ${c.gridSize.join('×')} gives a down-sampled ${a === 1 ? 'latitude' : 'longitude'} of ${tokensDown[a]} tokens, which must lie in [⌈${tokens[a]}/2⌉, ${tokens[a]}]`);
    }
  }
  const [wp, wl, wo] = c.windowSize;
  return {
    tokens,
    tokensDown,
    upperTokens,
    embedPad2d: [l2, r2, t2, b2],
    embedPad3d: [l2, r2, t2, b2, f3, k3],
    stage1: stage(tokens, c.windowSize),
    stage2: stage(tokensDown, c.windowSize),
    biasRows: wp * wp * wl * wl * (2 * wo - 1),
    windowTokens: wp * wl * wo,
  };
}

/**
 * Stochastic-depth rate of block `i` of layer `layer` (1..4): entry of linspace(0, rate, d1 + d2)
 * chosen by `dropPathSchedule` (`pangu`: layers 1/4 from index 0, layers 2/3 from d1; `seed`: all
 * layers from d1). Indices past the end take the last rate.
 */
export function dropPathRateOf(c: PanguConfig, layer: 1 | 2 | 3 | 4, i: number): number {
  const n = c.depths[0] + c.depths[1];
  const at = (k: number) => (n <= 1 ? 0 : (c.dropPathRate * Math.min(k, n - 1)) / (n - 1));
  const outer = layer === 1 || layer === 4;
  return outer && (c.dropPathSchedule ?? 'pangu') === 'pangu' ? at(i) : at(c.depths[0] + i);
}
