/** GOES-16-like convection-detection files (`ir_brightness_temperature`, `visible_reflectance`), netCDF-4. */
import { writeNetcdf4, type Tensor } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';

/** Options of {@link writeGoesLikeFile}. */
export interface GoesLikeOptions {
  /** Lines (rows); the real product has 2240. */
  height: number;
  /** Pixels per line (columns); the real product has 2856. */
  width: number;
  /** Seed of the clouds, noise and fill pattern. */
  seed: number;
  /** Fraction of pixels set to the fill value at random (besides the off-disk corner). */
  fillFraction: number;
  /** Make the top-left corner off-disk (fill in both channels), like a full-disk sector edge. */
  offDiskCorner: boolean;
  /** Convective cells (cold, bright blobs). */
  cells: number;
}

/** Defaults: full size (2240×2856), 0.1 % random fill, an off-disk corner, 12 cells. */
export const DEFAULT_GOES_LIKE_OPTIONS: GoesLikeOptions = {
  height: 2240, width: 2856, seed: 0, fillFraction: 0.001, offDiskCorner: true, cells: 12,
};

/** What was written (the truth tests compare with). */
export interface GoesLikeFile {
  path: string;
  height: number;
  width: number;
  /** Pixels stored as `_FillValue` in the IR channel. */
  irFill: number;
  /** Pixels stored as `_FillValue` in the visible channel. */
  visFill: number;
}

/**
 * Writes a GOES-like file as real netCDF-4: `ir_brightness_temperature(time, nlines, npixels)`
 * ushort, `scale_factor` 0.01, `_FillValue` 65535, `valid_range` 15000..35000 (150–350 K), and
 * `visible_reflectance` ushort with `scale_factor` 1e-4 (0–1) and the same fill; plus latitude and
 * longitude coordinates. Smooth background, cold/bright convective cells, small noise.
 */
export async function writeGoesLikeFile(path: string, options: Partial<GoesLikeOptions> = {}): Promise<GoesLikeFile> {
  const o = { ...DEFAULT_GOES_LIKE_OPTIONS, ...options };
  const { height: H, width: W } = o;
  const rng = new Rng(o.seed);
  const cells = Array.from({ length: o.cells }, () => ({ y: rng.uniform(0, H), x: rng.uniform(0, W), r: rng.uniform(0.02, 0.08) * Math.min(H, W) + 2, a: rng.uniform(0.5, 1) }));
  const ir = new Uint16Array(H * W), vis = new Uint16Array(H * W);
  const noise = rng.fork('noise');
  let irFill = 0, visFill = 0;
  const cloudField = new Float32Array(H * W);
  for (const c of cells) {
    const reach = 3 * c.r;
    for (let y = Math.max(0, Math.floor(c.y - reach)); y < Math.min(H, Math.ceil(c.y + reach)); y++) {
      for (let x = Math.max(0, Math.floor(c.x - reach)); x < Math.min(W, Math.ceil(c.x + reach)); x++) {
        const d2 = ((y - c.y) ** 2 + (x - c.x) ** 2) / (c.r * c.r);
        if (d2 < 9) cloudField[y * W + x] = Math.max(cloudField[y * W + x]!, c.a * Math.exp(-d2));
      }
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const k = y * W + x;
      const cloud = cloudField[k]!;
      const offDisk = o.offDiskCorner && (y / H) ** 2 + (x / W) ** 2 < 0.01;
      if (offDisk || noise.next() < o.fillFraction) { ir[k] = 65535; irFill++; }
      else ir[k] = Math.round((295 - 90 * cloud - 10 * (y / H) + noise.normal(0, 0.5)) * 100);
      if (offDisk || noise.next() < o.fillFraction) { vis[k] = 65535; visFill++; }
      else vis[k] = Math.max(0, Math.min(10000, Math.round((0.1 + 0.8 * cloud + noise.normal(0, 0.01)) * 10000)));
    }
  }
  const t = (dtype: 'uint16', shape: number[], data: Uint16Array): Tensor => ({ dtype, shape, data });
  const lat = Float32Array.from({ length: H }, (_, i) => 50 - (30 * i) / H);
  const lon = Float32Array.from({ length: W }, (_, i) => -130 + (60 * i) / W);
  await writeNetcdf4(path, {
    dimensions: { time: { size: 1, unlimited: true }, nlines: H, npixels: W },
    variables: {
      latitude: { dims: ['nlines'], data: { dtype: 'float32', shape: [H], data: lat }, attributes: { units: 'degrees_north' } },
      longitude: { dims: ['npixels'], data: { dtype: 'float32', shape: [W], data: lon }, attributes: { units: 'degrees_east' } },
      ir_brightness_temperature: {
        dims: ['time', 'nlines', 'npixels'], data: t('uint16', [1, H, W], ir),
        attributes: { long_name: 'IR brightness temperature', units: 'degrees_Kelvin', scale_factor: { type: 'float', value: [0.01] }, _FillValue: 65535, valid_range: [15000, 35000] },
      },
      visible_reflectance: {
        dims: ['time', 'nlines', 'npixels'], data: t('uint16', [1, H, W], vis),
        attributes: { long_name: 'visible reflectance', units: '1', scale_factor: { type: 'float', value: [1e-4] }, _FillValue: 65535, valid_range: [0, 10000] },
      },
    },
    attributes: { title: 'GOES-16 convection detection (synthetic, WeatherLearn.ts testkit)', source: 'testkit writeGoesLikeFile' },
  });
  return { path, height: H, width: W, irFill, visFill };
}
