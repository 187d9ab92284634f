/** GridRad v4.2 sparse radar files (`index` + `Reflectivity` on `Index`, `Nradobs`/`Nradecho`), netCDF-4. */
import { writeNetcdf4 } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';

/** Options of {@link writeGridradV42File}. */
export interface GridradV42Options {
  /** Altitude levels (real v4.2 CONUS: 28, 1–24 km). */
  nz: number;
  /** Latitudes (real CONUS: 1248). */
  ny: number;
  /** Longitudes (real CONUS: 2832). */
  nx: number;
  seed: number;
  /** Storm cells. */
  cells: number;
}

/** Defaults: a small 8×64×96 grid with 4 storm cells. */
export const DEFAULT_GRIDRAD_V42_OPTIONS: GridradV42Options = { nz: 8, ny: 64, nx: 96, seed: 0, cells: 4 };

/** What was written: the sparse values and the cube shape (the truth tests compare with). */
export interface GridradV42File {
  path: string;
  dims: [number, number, number];
  altitudes: Float32Array;
  index: Int32Array;
  reflectivity: Float32Array;
}

/** GridRad v4.2 altitudes: 0.5 km steps from 1 to 7 km, then 1 km steps (truncated to `nz`). */
export function gridradAltitudes(nz: number): Float32Array {
  const out = new Float32Array(nz);
  for (let i = 0; i < nz; i++) out[i] = i <= 12 ? 1 + 0.5 * i : 7 + (i - 12);
  return out;
}

/**
 * Writes a GridRad v4.2-layout file: dims `Altitude`, `Latitude`, `Longitude`, `Index`; coordinate
 * variables (longitudes 0–360); `index(Index)` int32 linear positions in the (z, y, x) cube;
 * `Reflectivity(Index)` / `wReflectivity(Index)` float32; dense `Nradobs` / `Nradecho` counts; the
 * v4.2 global attributes. Only bins inside storm cells (≥ 5 dBZ) are stored.
 */
export async function writeGridradV42File(path: string, options: Partial<GridradV42Options> = {}): Promise<GridradV42File> {
  const o = { ...DEFAULT_GRIDRAD_V42_OPTIONS, ...options };
  const { nz, ny, nx } = o;
  const rng = new Rng(o.seed);
  const alts = gridradAltitudes(nz);
  const cells = Array.from({ length: o.cells }, () => ({ y: rng.uniform(0, ny), x: rng.uniform(0, nx), r: rng.uniform(3, 10), top: rng.uniform(4, 14), peak: rng.uniform(35, 65) }));
  const idx: number[] = [], refl: number[] = [], wrefl: number[] = [];
  const nobs = new Int16Array(nz * ny * nx), necho = new Int16Array(nz * ny * nx);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const k = (z * ny + y) * nx + x;
        nobs[k] = 4;
        let dbz = -Infinity;
        for (const c of cells) {
          const d2 = ((y - c.y) ** 2 + (x - c.x) ** 2) / (c.r * c.r);
          const v = c.peak * Math.exp(-d2) * Math.max(0, 1 - alts[z]! / c.top);
          dbz = Math.max(dbz, v);
        }
        if (dbz >= 5) {
          idx.push(k);
          refl.push(Math.round((dbz + rng.normal(0, 0.5)) * 100) / 100);
          wrefl.push(Math.round(rng.uniform(1, 4) * 10) / 10);
          necho[k] = 3;
        }
      }
    }
  }
  const n = idx.length;
  const index = Int32Array.from(idx), reflectivity = Float32Array.from(refl);
  await writeNetcdf4(path, {
    dimensions: { Altitude: nz, Latitude: ny, Longitude: nx, Index: n },
    variables: {
      Altitude: { dims: ['Altitude'], data: { dtype: 'float32', shape: [nz], data: alts }, attributes: { units: 'km', long_name: 'Altitude' } },
      Latitude: { dims: ['Latitude'], data: { dtype: 'float32', shape: [ny], data: Float32Array.from({ length: ny }, (_, i) => 25 + 0.02 * i) }, attributes: { units: 'degrees_north' } },
      Longitude: { dims: ['Longitude'], data: { dtype: 'float32', shape: [nx], data: Float32Array.from({ length: nx }, (_, i) => 255 + 0.02 * i) }, attributes: { units: 'degrees_east' } },
      index: { dims: ['Index'], data: { dtype: 'int32', shape: [n], data: index }, attributes: { long_name: 'Linear index of (Altitude, Latitude, Longitude) bins with echo' } },
      Reflectivity: { dims: ['Index'], data: { dtype: 'float32', shape: [n], data: reflectivity }, attributes: { units: 'dBZ', long_name: 'Radar reflectivity', _FillValue: { type: 'float', value: [-9999] } } },
      wReflectivity: { dims: ['Index'], data: { dtype: 'float32', shape: [n], data: Float32Array.from(wrefl) }, attributes: { units: '1', long_name: 'Reflectivity bin weight' } },
      Nradobs: { dims: ['Altitude', 'Latitude', 'Longitude'], data: { dtype: 'int16', shape: [nz, ny, nx], data: nobs }, attributes: { long_name: 'Number of radar observations' } },
      Nradecho: { dims: ['Altitude', 'Latitude', 'Longitude'], data: { dtype: 'int16', shape: [nz, ny, nx], data: necho }, attributes: { long_name: 'Number of radar echoes' } },
    },
    attributes: {
      Analysis_time: '2019-05-20T21:00:00Z', Analysis_time_window: '-1.5 min to +1.5 min', File_creation_date: '2024-01-01T00:00:00Z',
      Grid_scheme: 'Regular lat-lon', Algorithm_version: 'v4.2', Algorithm_description: 'GridRad (synthetic, WeatherLearn.ts testkit)',
      Data_source: 'synthetic', Authors: 'testkit', Project_name: 'GridRad',
    },
  });
  return { path, dims: [nz, ny, nx], altitudes: alts, index, reflectivity };
}
