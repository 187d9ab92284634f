/**
 * Pangu speed and memory: forward and training-step time of the `superdarn` preset at grid 96,
 * batch 2, and of `pangu-lite` at a reduced 91×180 / 13-level grid, batch 1, on the wasm backend
 * (single thread).
 *
 * Torch rows: the same SuperDARN forward and step on the native libtorch backend when it is built
 * (`npm run build:native -w @weatherlearn/tfjs-backend-torch`), and — when `python3` imports torch —
 * the same model and step in PyTorch (`pangu_torch_reference.py`, a child process) with the ratio of
 * step times (target ≤ 1.5). Environment (bench only): WEATHERLEARN_BENCH_BACKENDS (default
 * `wasm,torch`), WEATHERLEARN_BENCH_THREADS (default 1, both sides), WEATHERLEARN_BENCH_COMPARE_TORCH=0
 * skips PyTorch, WEATHERLEARN_BENCH_PANGU_LITE=0 skips the pangu-lite rows.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { initEngine, registerBackendCandidate, tf, type BackendCandidate } from '@weatherlearn/engine';
import { fitSteps } from '@weatherlearn/trainer';
import { Pangu, PanguTrainingModule, panguPreset, type PanguBatch, type PanguConfig } from '../src/index.js';

interface Row { name: string; value: number; unit: string; target?: string }

/** What the bench needs from @weatherlearn/tfjs-backend-torch (imported only when asked for, not a dependency of pangu). */
interface TorchModule { torchUnavailableReason(): string | undefined; createTorchCandidate(o: { threads: number }): BackendCandidate }

/** Activates `name` (registering the torch candidate first); returns why it cannot be used, if so. */
async function useBackend(name: string, threads: number): Promise<string | undefined> {
  if (name === 'torch') {
    try {
      const spec = '@weatherlearn/tfjs-backend-torch';
      const t = (await import(spec)) as TorchModule;
      const why = t.torchUnavailableReason();
      if (why) return why;
      registerBackendCandidate(t.createTorchCandidate({ threads }));
    } catch (e) {
      return (e as Error).message;
    }
  }
  await initEngine({ backend: name, threads });
  return undefined;
}

/** PyTorch's times for the same SuperDARN model (pangu_torch_reference.py), or undefined without Python + torch. */
function pytorch(threads: number, ftz: boolean): { torch: string; forward_ms: number; step_checkpoint_ms: number; step_ms: number } | undefined {
  const script = fileURLToPath(new URL('./pangu_torch_reference.py', import.meta.url));
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  for (const py of [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean) as string[]) {
    const r = spawnSync(py, [script, String(threads), ftz ? '1' : '0', '96', '2'], { encoding: 'utf8', timeout: 900_000, env });
    if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }
  process.stderr.write('pangu.bench: no python3 with torch; skipping the PyTorch comparison\n');
  return undefined;
}

async function time(f: () => Promise<void> | void, repeats: number): Promise<number> {
  await f(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) await f();
  return (performance.now() - t0) / repeats;
}

/** The trainer disposes each batch it used. */
function cloneBatch(b: PanguBatch): PanguBatch {
  return {
    input: { surface: tf.clone(b.input.surface), surfaceMask: b.input.surfaceMask ? tf.clone(b.input.surfaceMask) : null, upper: b.input.upper ? tf.clone(b.input.upper) : null },
    target: { surface: tf.clone(b.target.surface), upper: b.target.upper ? tf.clone(b.target.upper) : null },
  };
}

async function benchModel(label: string, cfg: PanguConfig, batch: PanguBatch, rows: Row[], repeats = 1): Promise<Record<string, number>> {
  const times: Record<string, number> = {};
  const model = new Pangu(cfg);
  const mod = new PanguTrainingModule(model);
  const fwd = await time(async () => {
    const out = tf.tidy(() => model.apply(batch.input).surface);
    await out.data();
    out.dispose();
  }, repeats);
  times.forward = fwd;
  rows.push({ name: `${label} forward`, value: fwd, unit: 'ms' });
  const prof = await tf.profile(() => tf.tidy(() => { model.apply(batch.input).surface.dataSync(); }));
  rows.push({ name: `${label} forward peak tensor memory`, value: prof.peakBytes / 2 ** 20, unit: 'MiB' });
  // One step through the trainer (the path `weatherlearn train` runs); the first call builds the optimizer state.
  await fitSteps(mod, () => cloneBatch(batch), 1);
  const step = await time(async () => { await fitSteps(mod, () => cloneBatch(batch), 1); }, repeats);
  times.step = step;
  rows.push({ name: `${label} training step`, value: step, unit: 'ms' });
  rows.push({ name: `${label} parameters`, value: model.parameterCount(), unit: 'count' });
  mod.dispose();
  model.dispose();
  return times;
}

/** Runs the benchmark; the `npm run bench` harness prints and records the rows. */
export default async function (): Promise<Row[]> {
  const backends = (process.env.WEATHERLEARN_BENCH_BACKENDS ?? 'wasm,torch').split(',').filter(Boolean);
  const threads = Number(process.env.WEATHERLEARN_BENCH_THREADS ?? 1);
  const rows: Row[] = [];
  const sd = panguPreset('superdarn', { gridSize: [96, 96], seed: 0 });
  const superdarnBatch = (): PanguBatch => {
    const x = tf.randomNormal([2, 5, 96, 96], 0, 1, 'float32', 1) as tf.Tensor4D;
    return { input: { surface: x }, target: { surface: x } };
  };
  if (backends.includes('torch')) {
    const why = await useBackend('torch', threads);
    if (why) process.stderr.write(`pangu.bench: torch backend unavailable (${why})\n`);
    else {
      const t = await benchModel(`torch (${threads} thread) superdarn g96 b2`, sd, superdarnBatch(), rows, 2);
      const ref = process.env.WEATHERLEARN_BENCH_COMPARE_TORCH === '0' ? undefined : pytorch(threads, true);
      if (ref) {
        const tag = `PyTorch ${ref.torch} (${threads} thread, flush denormal)`;
        rows.push({ name: `${tag} superdarn g96 b2 forward`, value: ref.forward_ms, unit: 'ms' });
        rows.push({ name: `${tag} superdarn g96 b2 training step (checkpointed blocks)`, value: ref.step_checkpoint_ms, unit: 'ms' });
        rows.push({ name: `${tag} superdarn g96 b2 training step (no checkpoint)`, value: ref.step_ms, unit: 'ms' });
        rows.push({ name: 'superdarn g96 b2 forward time torch backend / PyTorch', value: t.forward! / ref.forward_ms, unit: 'ratio' });
        rows.push({ name: 'superdarn g96 b2 step time torch backend / PyTorch (neither checkpointed)', value: t.step! / ref.step_ms, unit: 'ratio', target: '≤ 1.3' });
      }
    }
  }
  if (!backends.includes('wasm')) return rows;
  const info = await initEngine({ backend: 'wasm' });
  await benchModel(`${info.backend} superdarn g96 b2`, sd, superdarnBatch(), rows);
  if (process.env.WEATHERLEARN_BENCH_PANGU_LITE === '0') return rows;

  const lite = panguPreset('pangu-lite', { gridSize: [91, 180], seed: 0 });
  const input = {
    surface: tf.randomNormal([1, 4, 91, 180]) as tf.Tensor4D,
    surfaceMask: tf.randomNormal([3, 91, 180]) as tf.Tensor3D,
    upper: tf.randomNormal([1, 5, 13, 91, 180]) as tf.Tensor5D,
  };
  await benchModel(`${info.backend} pangu-lite 91x180x13 b1`, lite, { input, target: { surface: input.surface, upper: input.upper } }, rows);
  rows.push({ name: 'process peak RSS', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB' });
  return rows;
}
