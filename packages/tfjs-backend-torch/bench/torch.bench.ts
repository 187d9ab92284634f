/**
 * The torch backend against wasm (and PyTorch itself when `python3 -c 'import torch'` works):
 * matMul 1024² GFLOP/s and one transformer-block training step (batch 8 × 64 tokens × 192 dims,
 * 3 heads, MLP 768, Adam) in steps/s. The PyTorch comparison (bench/torch_reference.py in a child
 * process) runs by default when Python has torch (`--compare-torch` forces it, failing when absent;
 * WEATHERLEARN_BENCH_COMPARE_TORCH=0 turns it off). Targets: step time ≤ 1.5× PyTorch's,
 * matMul ≥ 80% of PyTorch's GFLOP/s. Threads: WEATHERLEARN_BENCH_THREADS (default 1, both sides).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initEngine, registerBackendCandidate, tf } from '@weatherlearn/engine';
import { createTorchCandidate, torchUnavailableReason } from '../src/index.js';
import { makeTrainer } from '../test/transformer-block.js';

interface Row { name: string; value: number; unit: string; target?: string }

const DIMS = { B: 8, T: 64, C: 192, H: 3, M: 768 };

function gflops(n: number, minMs = 1500, maxIters = 20): number {
  const a = tf.randomNormal([n, n], 0, 1, 'float32', 1), b = tf.randomNormal([n, n], 0, 1, 'float32', 2);
  const run = () => tf.tidy(() => { tf.sum(tf.matMul(a, b)).dataSync(); });
  run();
  let iters = 0;
  const t0 = performance.now();
  while (iters < maxIters && (iters < 2 || performance.now() - t0 < minMs)) { run(); iters++; }
  tf.dispose([a, b]);
  return (2 * n ** 3) / ((performance.now() - t0) / 1000 / iters) / 1e9;
}

function stepsPerSecond(minSteps: number, minMs = 3000): number {
  const t = makeTrainer(DIMS);
  t.step();
  let n = 0;
  const t0 = performance.now();
  while (n < minSteps || performance.now() - t0 < minMs) { t.step(); n++; }
  const sps = n / ((performance.now() - t0) / 1000);
  t.dispose();
  return sps;
}

function pytorch(threads: number, required: boolean): { matmul1024: number; block_steps_per_s: number; torch: string } | undefined {
  const script = fileURLToPath(new URL('./torch_reference.py', import.meta.url));
  for (const py of [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean) as string[]) {
    // OpenBLAS keeps its own pool (torch.set_num_threads does not govern it): pin it to the same count.
    const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
    const r = spawnSync(py, [script, String(threads)], { encoding: 'utf8', timeout: 300_000, env });
    if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }
  if (required) throw new Error('--compare-torch: no python3 with torch found (apt-get install python3-torch or pip install torch)');
  process.stderr.write('torch.bench: no python3 with torch; skipping the PyTorch comparison\n');
  return undefined;
}

export default async function (): Promise<Row[]> {
  const threads = Number(process.env.WEATHERLEARN_BENCH_THREADS ?? 1);
  const force = process.argv.includes('--compare-torch');
  const compare = force || process.env.WEATHERLEARN_BENCH_COMPARE_TORCH !== '0';
  const rows: Row[] = [];
  await initEngine({ backend: 'wasm' });
  const wasmMm = gflops(1024), wasmStep = stepsPerSecond(3);
  rows.push({ name: 'matMul 1024² wasm', value: wasmMm, unit: 'GFLOP/s' });
  rows.push({ name: 'transformer block train step wasm', value: wasmStep, unit: 'steps/s' });
  const why = torchUnavailableReason();
  if (why) {
    process.stderr.write(`torch.bench: ${why}; only wasm measured\n`);
    return rows;
  }
  registerBackendCandidate(createTorchCandidate({ threads }));
  await initEngine({ backend: 'torch' });
  const mm = gflops(1024), step = stepsPerSecond(10);
  rows.push({ name: `matMul 1024² torch (${threads} thread)`, value: mm, unit: 'GFLOP/s' });
  rows.push({ name: `transformer block train step torch (${threads} thread)`, value: step, unit: 'steps/s' });
  rows.push({ name: 'transformer block speed-up torch / wasm', value: step / wasmStep, unit: '×' });
  const ref = compare ? pytorch(threads, force) : undefined;
  if (ref) {
    rows.push({ name: `matMul 1024² PyTorch ${ref.torch} (${threads} thread)`, value: ref.matmul1024, unit: 'GFLOP/s' });
    rows.push({ name: `transformer block train step PyTorch ${ref.torch}`, value: ref.block_steps_per_s, unit: 'steps/s' });
    rows.push({ name: 'matMul torch backend / PyTorch', value: mm / ref.matmul1024, unit: 'ratio', target: '≥ 0.8' });
    rows.push({ name: 'train step time torch backend / PyTorch', value: ref.block_steps_per_s / step, unit: 'ratio', target: '≤ 1.5' });
  }
  return rows;
}
