import path from 'node:path';
import { writePt } from '@weatherlearn/tensor-io';
import { writeFileAtomicSync } from '@weatherlearn/fs-atomic';
import { Rng } from '@weatherlearn/engine/rng';

/**
 * Writes `n` synthetic brightness-temperature-like 2-D fields (`size×size`, ~200–300 K) as one
 * float32 tensor per `.pt` file, like the gridrad package's crops. Class 0 = Gaussian blobs
 * (cold convective cores), class 1 = oriented waves. Returns the relative paths and labels.
 */
export function writeSyntheticFields(dir: string, n: number, size: number, seed = 1): { files: string[]; labels: Int32Array } {
  const rng = new Rng(seed);
  const files: string[] = [];
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    labels[i] = cls;
    const f = new Float32Array(size * size);
    if (cls === 0) {
      const blobs = Array.from({ length: 3 }, () => ({ x: rng.uniform(0, size), y: rng.uniform(0, size), r: rng.uniform(size / 10, size / 4), a: rng.uniform(40, 80) }));
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
        let v = 290;
        for (const b of blobs) v -= b.a * Math.exp(-((x - b.x) ** 2 + (y - b.y) ** 2) / (2 * b.r * b.r));
        f[y * size + x] = v + rng.uniform(-1, 1);
      }
    } else {
      const th = rng.uniform(0, Math.PI);
      const k = rng.uniform(0.2, 0.6);
      const ph = rng.uniform(0, 2 * Math.PI);
      for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
        f[y * size + x] = 260 + 30 * Math.sin(k * (x * Math.cos(th) + y * Math.sin(th)) + ph) + rng.uniform(-1, 1);
      }
    }
    const rel = path.join(cls ? 'waves' : 'blobs', `field_${String(i).padStart(3, '0')}.pt`);
    writeFileAtomicSync(path.join(dir, rel), writePt({ dtype: 'float32', shape: [size, size], data: f }));
    files.push(rel);
  }
  return { files, labels };
}
