/**
 * `npm run bench -- --filter torch-vs-pytorch`: the same work in PyTorch (Debian's python3-torch)
 * and on our torch and wasm backends, ONE thread each, with the ratios:
 *   - a pre-norm transformer block training step (8 × 64 tokens × 192 dims, 3 heads, MLP 768, Adam;
 *     PyTorch side: idiomatic nn modules, bench/torch_vs_pytorch.py);
 *   - the Pangu `superdarn` training step (grid 96, batch 2, checkpointed blocks; PyTorch side:
 *     packages/pangu/bench/pangu_torch_reference.py).
 * The BLAS libtorch loaded is named in the rows (the reference BLAS makes torch slower than wasm).
 * Sizes (bench only): WEATHERLEARN_BENCH_QUICK=1 → Pangu grid 32, batch 1, fewer repeats (a minute
 * on a shared box); WEATHERLEARN_BENCH_PANGU_GRID / _BATCH override; WEATHERLEARN_BENCH_PANGU=0
 * skips Pangu. Without Python + torch the PyTorch rows are left out (said on stderr).
 */
import { fitSteps } from '@weatherlearn/trainer';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initEngine, registerBackendCandidate, tf } from '@weatherlearn/engine';
import { Pangu, PanguTrainingModule, panguPreset, type PanguBatch } from '@weatherlearn/pangu';
import { createTorchCandidate, loadedBlas, torchUnavailableReason } from '../src/index.js';
import { makeTrainer } from '../test/transformer-block.js';

interface Row { name: string; value: number; unit: string; target?: string }

const env = process.env;
const quick = env.WEATHERLEARN_BENCH_QUICK === '1';
const DIMS = { B: 8, T: 64, C: 192, H: 3, M: 768 };
const GRID = Number(env.WEATHERLEARN_BENCH_PANGU_GRID ?? (quick ? 32 : 96));
const BATCH = Number(env.WEATHERLEARN_BENCH_PANGU_BATCH ?? (quick ? 1 : 2));
const PYTHONS = [env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];

/** Runs a PyTorch script on one thread (OpenBLAS's pool pinned too); its JSON, or undefined. */
function python(script: string, args: (string | number)[]): Record<string, number | string> | undefined {
  const penv = { ...env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1' };
  for (const py of PYTHONS) {
    const r = spawnSync(py, [script, ...args.map(String)], { encoding: 'utf8', timeout: 900_000, env: penv });
    if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }
  process.stderr.write(`torch-vs-pytorch: no python3 with torch ran ${script}; PyTorch rows left out\n`);
  return undefined;
}

function blockStepMs(repeats: number): number {
  const t = makeTrainer(DIMS);
  t.step();
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) t.step();
  const ms = (performance.now() - t0) / repeats;
  t.dispose();
  return ms;
}

async function panguStepMs(repeats: number): Promise<number> {
  const model = new Pangu(panguPreset('superdarn', { gridSize: [GRID, GRID], seed: 0 }));
  // The training step as `weatherlearn train pangu` takes it (the trainer, Adam, no checkpointing).
  const mod = new PanguTrainingModule(model, { optimizer: 'adamw', lr: 1e-4, weightDecay: 0.05 });
  const x = tf.randomNormal([BATCH, 5, GRID, GRID], 0, 1, 'float32', 1) as tf.Tensor4D;
  const batch = (): PanguBatch => ({ input: { surface: tf.clone(x) }, target: { surface: tf.clone(x) } });
  await fitSteps(mod, batch, 1);
  const t0 = performance.now();
  await fitSteps(mod, batch, repeats);
  const ms = (performance.now() - t0) / repeats;
  mod.dispose();
  x.dispose();
  model.dispose();
  return ms;
}

/** Runs the comparison; the `npm run bench` harness prints and records the rows. */
export default async function (): Promise<Row[]> {
  const rows: Row[] = [];
  const blockReps = quick ? 5 : 20, panguReps = quick ? 1 : 2;
  const ms: Record<string, Record<string, number>> = { block: {}, pangu: {} };
  const pangu = env.WEATHERLEARN_BENCH_PANGU !== '0';
  const why = torchUnavailableReason();
  if (why) process.stderr.write(`torch-vs-pytorch: ${why}; torch backend rows left out\n`);
  let blas = '';
  if (!why) {
    registerBackendCandidate(createTorchCandidate({ threads: 1 }));
    await initEngine({ backend: 'torch', threads: 1 });
    blas = loadedBlas().name;
    ms.block!.torch = blockStepMs(blockReps);
    if (pangu) ms.pangu!.torch = await panguStepMs(panguReps);
  }
  await initEngine({ backend: 'wasm' });
  ms.block!.wasm = blockStepMs(Math.max(2, blockReps / 4));
  if (pangu) ms.pangu!.wasm = await panguStepMs(1);
  const here = fileURLToPath(new URL('.', import.meta.url));
  const pb = python(`${here}torch_vs_pytorch.py`, [1, DIMS.B, DIMS.T, DIMS.C, DIMS.H, DIMS.M, blockReps]);
  if (pb) ms.block!.pytorch = Number(pb.step_ms);
  if (pangu) {
    const pp = python(`${here}../../pangu/bench/pangu_torch_reference.py`, [1, 1, GRID, BATCH]);
    if (pp) ms.pangu!.pytorch = Number(pp.step_checkpoint_ms);
  }
  const label = { block: `transformer block ${DIMS.B}x${DIMS.T}x${DIMS.C} train step`, pangu: `Pangu superdarn g${GRID} b${BATCH} train step` };
  for (const w of ['block', 'pangu'] as const) {
    const m = ms[w]!;
    if (m.torch !== undefined) rows.push({ name: `${label[w]} torch backend (1 thread, ${blas})`, value: m.torch, unit: 'ms' });
    if (m.wasm !== undefined) rows.push({ name: `${label[w]} wasm (1 thread)`, value: m.wasm, unit: 'ms' });
    if (m.pytorch !== undefined) rows.push({ name: `${label[w]} PyTorch (1 thread)`, value: m.pytorch, unit: 'ms' });
    if (m.torch !== undefined && m.pytorch !== undefined) rows.push({ name: `${label[w]} time torch backend / PyTorch`, value: m.torch / m.pytorch, unit: 'ratio' });
    if (m.wasm !== undefined && m.pytorch !== undefined) rows.push({ name: `${label[w]} time wasm / PyTorch`, value: m.wasm / m.pytorch, unit: 'ratio' });
    if (m.torch !== undefined && m.wasm !== undefined) rows.push({ name: `${label[w]} time torch backend / wasm`, value: m.torch / m.wasm, unit: 'ratio', target: '< 1 (else auto must not pick torch)' });
  }
  return rows;
}
