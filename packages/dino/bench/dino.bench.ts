/**
 * DINO speed on the wasm backend (single thread): training images/s of `vit_tiny` (192/12/3) with
 * 2 global 64-px + 4 local 32-px crops, batch 8, out_dim 4096 (every step: teacher + student
 * forward, backward, clipping, AdamW, EMA); embedding throughput of `vit_small` on 256-px patches
 * (a 2048 crop is 64 of them) and of `vit2k_xs` on 8×8×384 grids.
 * The same rows again on the native libtorch backend when it is built (`npm run build:native -w
 * @weatherlearn/tfjs-backend-torch`). Environment (bench only): WEATHERLEARN_BENCH_BACKENDS (default
 * `wasm,torch`), WEATHERLEARN_BENCH_THREADS (torch threads, default 1).
 */
import { initEngine, registerBackendCandidate, tf, type BackendCandidate } from '@weatherlearn/engine';
import { fitSteps } from '@weatherlearn/trainer';
import { DINOTrainingModule, DINO_TRAINER_CLIPPING, vit_tiny, vit_small, vit2k_xs, embedVit2k, type DINOBatch } from '../src/index.js';

interface Row { name: string; value: number; unit: string }

/** What the bench needs from @weatherlearn/tfjs-backend-torch (imported only when asked for, not a dependency of dino). */
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

function timeIt(f: () => void, repeats: number): number {
  f();
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) f();
  return (performance.now() - t0) / repeats;
}

export default async function (): Promise<Row[]> {
  const threads = Number(process.env.WEATHERLEARN_BENCH_THREADS ?? 1);
  const rows: Row[] = [];
  for (const backend of (process.env.WEATHERLEARN_BENCH_BACKENDS ?? 'wasm,torch').split(',').filter(Boolean)) {
    const why = await useBackend(backend, threads);
    if (why) process.stderr.write(`dino.bench: ${backend} backend unavailable (${why})\n`);
    else rows.push(...(await benchOn(backend === 'wasm' ? '' : ` [${backend}, ${threads} thread]`)));
  }
  return rows;
}

/** The three measurements on the active backend; `tag` is appended to every row name. */
async function benchOn(tag: string): Promise<Row[]> {
  const rows: Row[] = [];
  const B = 8;
  const m = new DINOTrainingModule((dp) => vit_tiny({ imgSize: 64, dropPathRate: dp }), {
    outDim: 4096, localCropsNumber: 4, epochs: 10, itersPerEpoch: 10, batchSize: B, warmupEpochs: 0, freezeLastLayer: 0,
  });
  const batch: DINOBatch = {
    crops: [64, 64, 32, 32, 32, 32].map((s, i) => tf.randomNormal([B, 1, s, s], 0, 1, 'float32', i) as tf.Tensor4D),
  };
  const clone = () => ({ crops: batch.crops.map((c) => tf.clone(c)) });
  await fitSteps(m, clone, 1, DINO_TRAINER_CLIPPING);
  const t0 = performance.now();
  await fitSteps(m, clone, 3, DINO_TRAINER_CLIPPING);
  const step = (performance.now() - t0) / 3;
  rows.push({ name: `DINO train vit_tiny 2×64px+4×32px, batch 8${tag}`, value: (B * 1000) / step, unit: 'images/s' });
  rows.push({ name: `DINO train vit_tiny step time${tag}`, value: step, unit: 'ms' });
  tf.dispose(batch.crops);
  m.dispose();

  const vs = vit_small().eval();
  const patches = tf.randomNormal([4, 1, 256, 256], 0, 1, 'float32', 7) as tf.Tensor4D;
  const fwd = timeIt(() => { tf.tidy(() => vs.forward(patches)).dispose(); }, 2);
  rows.push({ name: `embed vit_small 256-px patches${tag}`, value: (4 * 1000) / fwd, unit: 'patches/s' });
  rows.push({ name: `embed vit_small 2048-px crop (64 patches)${tag}`, value: (fwd / 4) * 64 / 1000, unit: 's/crop' });
  patches.dispose();
  vs.dispose();

  const v2 = vit2k_xs().eval();
  const grids = Array.from({ length: 16 }, (_, i) => ({ dtype: 'float32' as const, shape: [64, 384], data: new Float32Array(64 * 384).map((_, k) => Math.sin(k * (i + 1))) }));
  const t2 = timeIt(() => { embedVit2k(v2, grids); }, 3);
  rows.push({ name: `embed vit2k_xs 8×8×384 grids, batch 16${tag}`, value: (16 * 1000) / t2, unit: 'grids/s' });
  v2.dispose();
  return rows;
}
