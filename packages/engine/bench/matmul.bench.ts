/**
 * matMul throughput (GFLOP/s) per available backend, plain and with a transpose flag (the shape
 * matMul's gradient uses). On wasm the transposed case is also run with the backend's own kernel,
 * to show what the engine's BatchMatMul fix buys.
 */
import { initEngine, tf, withOriginalKernel } from '../src/index.js';

interface Row { name: string; value: number; unit: string }

function gflops(n: number, run: () => void, minMs = 1500, maxIters = 20): number {
  run(); // warm-up
  let iters = 0;
  const t0 = performance.now();
  while (iters < maxIters && (iters < 2 || performance.now() - t0 < minMs)) { run(); iters++; }
  const sec = (performance.now() - t0) / 1000 / iters;
  return (2 * n ** 3) / sec / 1e9;
}

function mm(a: tf.Tensor, b: tf.Tensor, tb: boolean): () => void {
  return () => tf.tidy(() => { tf.matMul(a, b, false, tb).dataSync(); });
}

export default async function (): Promise<Row[]> {
  const rows: Row[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await initEngine({ backend });
    for (const n of backend === 'cpu' ? [256, 512] : [512, 1024]) {
      const a = tf.randomNormal([n, n], 0, 1, 'float32', 1), b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
      rows.push({ name: `matMul ${n}² ${backend}`, value: gflops(n, mm(a, b, false)), unit: 'GFLOP/s' });
      rows.push({ name: `matMul ${n}² transposeB ${backend}`, value: gflops(n, mm(a, b, true)), unit: 'GFLOP/s' });
      if (backend === 'wasm') {
        const raw = await withOriginalKernel('wasm', 'BatchMatMul', () => gflops(n, mm(a, b, true), 1500, 5));
        rows.push({ name: `matMul ${n}² transposeB wasm, unfixed kernel`, value: raw, unit: 'GFLOP/s' });
      }
      tf.dispose([a, b]);
    }
  }
  return rows;
}
