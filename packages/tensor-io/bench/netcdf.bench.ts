// netCDF read throughput on a generated GOES-like file: 2240×2856 `ir_brightness_temperature`
// (ushort, scale_factor, _FillValue) and `visible_reflectance` (float32), as netCDF-4 (deflate 4 and
// uncompressed) and netCDF-3 classic. MB/s counts the bytes of the raw variables read.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNetcdf, writeNetcdf4 } from '../src/index.js';
import { encodeCdf3 } from '../test/netcdf/cdf3-writer.js';

const H = 2240;
const W = 2856;

function fields(): { ir: Uint16Array; vis: Float32Array } {
  const ir = new Uint16Array(H * W);
  const vis = new Float32Array(H * W);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      ir[i] = (x * 7 + y * 13) % 97 === 0 ? 65535 : 20000 + ((x * 31 + y * 17) % 12000);
      vis[i] = ((x ^ y) & 1023) / 1024;
    }
  }
  return { ir, vis };
}

async function timeRead(path: string, decode: boolean, reps: number): Promise<number> {
  const bytes = H * W * (2 + 4);
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const f = await openNetcdf(path);
    await f.readVariable('ir_brightness_temperature', { decode });
    await f.readVariable('visible_reflectance', { decode });
    await f.close();
    best = Math.min(best, performance.now() - t0);
  }
  return bytes / 1e6 / (best / 1000);
}

/** Benchmark entry point (see scripts/bench-one.mjs). */
export default async function (): Promise<{ name: string; value: number; unit: string }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wl-ncbench-'));
  try {
    const { ir, vis } = fields();
    const spec = {
      dimensions: { nlines: H, npixels: W },
      variables: {
        ir_brightness_temperature: { dims: ['nlines', 'npixels'], data: { dtype: 'uint16' as const, shape: [H, W], data: ir },
          attributes: { scale_factor: { type: 'float' as const, value: [0.01] }, _FillValue: 65535 } },
        visible_reflectance: { dims: ['nlines', 'npixels'], data: { dtype: 'float32' as const, shape: [H, W], data: vis } },
      },
    };
    const nc4z = join(dir, 'goes_deflate.nc');
    const nc4 = join(dir, 'goes_plain.nc');
    await writeNetcdf4(nc4, spec, { compression: 0 }); // also loads h5wasm (slow under tsx), untimed
    const t0 = performance.now();
    await writeNetcdf4(nc4z, spec);
    const writeMs = performance.now() - t0;
    const nc3 = join(dir, 'goes_classic.nc');
    writeFileSync(nc3, encodeCdf3([['nlines', H], ['npixels', W]], [
      { name: 'ir_brightness_temperature', dims: ['nlines', 'npixels'], type: 'short', values: new Int16Array(ir.buffer) },
      { name: 'visible_reflectance', dims: ['nlines', 'npixels'], type: 'float', values: vis },
    ]));
    return [
      { name: 'netcdf4 write (deflate 4) MB/s', value: (H * W * 6) / 1e6 / (writeMs / 1000), unit: 'MB/s' },
      { name: 'netcdf4 deflate file size', value: statSync(nc4z).size / 1e6, unit: 'MB' },
      { name: 'netcdf4 (deflate) read raw MB/s', value: await timeRead(nc4z, false, 3), unit: 'MB/s' },
      { name: 'netcdf4 (deflate) read CF-decoded MB/s', value: await timeRead(nc4z, true, 3), unit: 'MB/s' },
      { name: 'netcdf4 (uncompressed) read raw MB/s', value: await timeRead(nc4, false, 3), unit: 'MB/s' },
      { name: 'netcdf3 classic read raw MB/s', value: await timeRead(nc3, false, 3), unit: 'MB/s' },
      { name: 'netcdf3 classic read CF-decoded MB/s', value: await timeRead(nc3, true, 3), unit: 'MB/s' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
