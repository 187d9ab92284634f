/**
 * Pangu speed and memory: forward and training-step time of the `superdarn` preset at grid 96,
 * batch 2, and of `pangu-lite` at a reduced 91×180 / 13-level grid, batch 1, on the wasm backend
 * (single thread). The SuperDARN training step is timed with both linear-layer gradients
 * (explicit-transpose custom gradient vs tfjs' built-in) to justify the default.
 */
import { initEngine, tf } from '@weatherlearn/engine';
import { LINEAR_MODE, Pangu, PanguTrainingModule, panguPreset, type PanguBatch, type PanguConfig } from '../src/index.js';

interface Row { name: string; value: number; unit: string }

async function time(f: () => Promise<void> | void, repeats: number): Promise<number> {
  await f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) await f();
  return (performance.now() - t0) / repeats;
}

async function benchModel(label: string, cfg: PanguConfig, batch: PanguBatch, rows: Row[], gradModes: ('custom' | 'builtin')[]): Promise<void> {
  const model = new Pangu(cfg);
  const mod = new PanguTrainingModule(model);
  const fwd = await time(async () => {
    const out = tf.tidy(() => model.apply(batch.input).surface);
    await out.data();
    out.dispose();
  }, 1);
  rows.push({ name: `${label} forward`, value: fwd, unit: 'ms' });
  const prof = await tf.profile(() => tf.tidy(() => { model.apply(batch.input).surface.dataSync(); }));
  rows.push({ name: `${label} forward peak tensor memory`, value: prof.peakBytes / 2 ** 20, unit: 'MiB' });
  for (const mode of gradModes) {
    LINEAR_MODE.grad = mode;
    const opt = mod.configureOptimizers();
    const step = await time(async () => { await mod.fitStep(batch, opt); }, 1);
    rows.push({ name: `${label} training step (${mode} linear grad)`, value: step, unit: 'ms' });
    opt.optimizer.dispose();
  }
  LINEAR_MODE.grad = 'builtin';
  rows.push({ name: `${label} parameters`, value: model.parameterCount(), unit: 'count' });
  model.dispose();
}

/** Runs the benchmark; the `npm run bench` harness prints and records the rows. */
export default async function (): Promise<Row[]> {
  const info = await initEngine({ backend: 'wasm' });
  const rows: Row[] = [];
  const sd = panguPreset('superdarn', { gridSize: [96, 96], seed: 0 });
  const x = tf.randomNormal([2, 5, 96, 96], 0, 1, 'float32', 1) as tf.Tensor4D;
  await benchModel(`${info.backend} superdarn g96 b2`, sd, { input: { surface: x }, target: { surface: x } }, rows, ['custom', 'builtin']);

  const lite = panguPreset('pangu-lite', { gridSize: [91, 180], seed: 0 });
  const input = {
    surface: tf.randomNormal([1, 4, 91, 180]) as tf.Tensor4D,
    surfaceMask: tf.randomNormal([3, 91, 180]) as tf.Tensor3D,
    upper: tf.randomNormal([1, 5, 13, 91, 180]) as tf.Tensor5D,
  };
  await benchModel(`${info.backend} pangu-lite 91x180x13 b1`, lite, { input, target: { surface: input.surface, upper: input.upper } }, rows, ['builtin']);
  rows.push({ name: 'process peak RSS', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB' });
  return rows;
}
