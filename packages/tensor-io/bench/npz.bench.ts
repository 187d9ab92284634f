/**
 * npy/npz read/write throughput on ~64 MB of float32 (stored), and on 16 MB deflated
 * (np.savez_compressed-style). Run with `npm run bench -- --filter npz`.
 */
import { readNpz, writeNpz } from '../src/npz/npz.js';
import { tensor } from '../src/tensor.js';

function timeIt(fn: () => void, minMs = 300): number {
  fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  do { fn(); n++; } while (performance.now() - t0 < minMs);
  return (performance.now() - t0) / n / 1000;
}

export default async function (): Promise<{ name: string; value: number; unit: string }[]> {
  const n = 16 * 2 ** 20; // 16 Mi float32 = 64 MiB
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(i * 1e-3) * 100;
  const dict = { a: tensor('float32', [n / 8, 4], data.subarray(0, n / 2)), b: tensor('float32', [n / 2], data.subarray(n / 2)) };
  const mb = (n * 4) / 1e6;
  const stored = writeNpz(dict);
  const wStored = timeIt(() => writeNpz(dict));
  const rStored = timeIt(() => readNpz(stored));
  const small = { a: tensor('float32', [n / 4], data.subarray(0, n / 4)) };
  const smallMb = (n / 4 * 4) / 1e6;
  const deflated = writeNpz(small, { compress: true });
  const wDeflated = timeIt(() => writeNpz(small, { compress: true }), 1);
  const rDeflated = timeIt(() => readNpz(deflated), 1);
  return [
    { name: 'npz write (stored, 64 MB float32)', value: mb / wStored, unit: 'MB/s' },
    { name: 'npz read (stored, 64 MB float32, CRC checked)', value: mb / rStored, unit: 'MB/s' },
    { name: 'npz write (deflated, 16 MB float32)', value: smallMb / wDeflated, unit: 'MB/s' },
    { name: 'npz read (deflated, 16 MB float32)', value: smallMb / rDeflated, unit: 'MB/s' },
  ];
}
