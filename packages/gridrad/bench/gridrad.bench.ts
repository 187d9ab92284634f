/**
 * `preprocess` throughput on generated full-size GOES-like files (2240×2856, two channels, written
 * as netCDF-4): input files/s and MB/s with 1 and 2 worker threads at the default 2048/256 sizes
 * (compressed npz, like np.savez_compressed), and peak memory per worker.
 * Memory: worker threads share one process, so "per worker" is the peak V8 heap + array buffers +
 * external memory each worker reported; the process's peak RSS is reported too.
 * Environment: GRIDRAD_BENCH_FILES (default 4) files.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeGoesLikeFile } from '@weatherlearn/testkit';
import { makeTempDir } from '@weatherlearn/test-parts';
import { rmSync } from 'node:fs';
import { processDirectoryTree } from '../src/index.js';

interface Row { name: string; value: number; unit: string }

export default async function (): Promise<Row[]> {
  const n = Number(process.env.GRIDRAD_BENCH_FILES ?? 4);
  const dir = makeTempDir('wl-gridrad-bench-');
  const rows: Row[] = [];
  try {
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const p = join(dir, 'in', `NASALARC_GOES16_CONVECTION_DETECTION_20210705_${String(i).padStart(4, '0')}.nc`);
      await writeGoesLikeFile(p, { seed: i });
      bytes += statSync(p).size;
    }
    rows.push({ name: 'gridrad generated input size (per file)', value: bytes / n / 2 ** 20, unit: 'MiB' });
    for (const workers of [1, 2]) {
      const t0 = performance.now();
      const s = await processDirectoryTree({
        input: join(dir, 'in'), output: join(dir, `out${workers}`), checkpoint: join(dir, `ck${workers}`), workers,
        fillPolicy: 'fill', fillValue: 0,
      });
      const sec = (performance.now() - t0) / 1000;
      if (s.done !== n) throw new Error(`preprocess finished ${s.done}/${n}: ${JSON.stringify(s.errors)}`);
      rows.push({ name: `gridrad preprocess ${workers} worker(s) files/s`, value: n / sec, unit: 'files/s' });
      rows.push({ name: `gridrad preprocess ${workers} worker(s) input MB/s`, value: bytes / 1e6 / sec, unit: 'MB/s' });
      rows.push({ name: `gridrad preprocess ${workers} worker(s) peak memory per worker`, value: Math.max(...s.memory.peakPerWorker) / 2 ** 20, unit: 'MiB' });
      rows.push({ name: `gridrad preprocess ${workers} worker(s) process peak RSS`, value: s.memory.peakRss / 2 ** 20, unit: 'MiB' });
    }
    rows.push({ name: 'gridrad process max RSS (whole bench)', value: process.resourceUsage().maxRSS / 1024, unit: 'MiB' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
