/**
 * One model's training step timed in a process of its own, so that its peak RSS is that step's:
 *   node --conditions=source --import tsx bench/step-worker.ts JSON
 * JSON: { model: 'block' | 'pangu' | 'dino', backend: 'torch' | 'wasm', threads, repeats, fused?,
 * grid?, batch?, checkpoint?, globalPx?, nGlobal?, localPx?, nLocal?, outDim? }. Prints one JSON line:
 * { step_ms, peak_rss_mib, base_rss_mib } (base: after the engine loaded, before the model).
 * Used by torch-vs-pytorch-models.bench.ts.
 */
import { initEngine, registerBackendCandidate, setFusedKernels, tf } from '@weatherlearn/engine';
import { fitSteps } from '@weatherlearn/trainer';
import { Pangu, PanguTrainingModule, panguPreset, type PanguBatch } from '@weatherlearn/pangu';
import { DINOTrainingModule, DINO_TRAINER_CLIPPING, vit_small, type DINOBatch } from '@weatherlearn/dino';
import { createTorchCandidate } from '../src/index.js';
import { makeNnBlockTrainer } from './nn-block.js';

interface Job {
  model: 'block' | 'pangu' | 'dino'; backend: 'torch' | 'wasm'; threads: number; repeats: number; fused?: boolean;
  grid?: number; batch?: number; checkpoint?: boolean; globalPx?: number; nGlobal?: number; localPx?: number; nLocal?: number; outDim?: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const mib = (b: number) => b / 2 ** 20;

async function timed(step: () => Promise<void> | void, repeats: number): Promise<number> {
  await step();
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) await step();
  return (performance.now() - t0) / repeats;
}

async function main(): Promise<void> {
  if (job.backend === 'torch') registerBackendCandidate(createTorchCandidate({ threads: job.threads }));
  await initEngine({ backend: job.backend, threads: job.threads });
  setFusedKernels(job.fused ?? true);
  const base = mib(process.memoryUsage().rss);
  let ms: number;
  if (job.model === 'block') {
    const t = makeNnBlockTrainer({ B: 8, T: 64, C: 192, H: 3, M: 768 });
    ms = await timed(() => { t.step(); }, job.repeats);
    t.dispose();
  } else if (job.model === 'pangu') {
    const G = job.grid ?? 96, B = job.batch ?? 2;
    const mod = new PanguTrainingModule(new Pangu(panguPreset('superdarn', { gridSize: [G, G], seed: 0 })), { checkpoint: job.checkpoint ?? false });
    const x = tf.randomNormal([B, 5, G, G], 0, 1, 'float32', 1) as tf.Tensor4D;
    const batch = (): PanguBatch => ({ input: { surface: tf.clone(x) }, target: { surface: tf.clone(x) } });
    ms = await timed(async () => { await fitSteps(mod, batch, 1); }, job.repeats);
  } else {
    const B = job.batch ?? 2, gp = job.globalPx ?? 224, ng = job.nGlobal ?? 2, lp = job.localPx ?? 96, nl = job.nLocal ?? 10;
    const m = new DINOTrainingModule((dp) => vit_small({ imgSize: gp, dropPathRate: dp }), {
      outDim: job.outDim ?? 65536, localCropsNumber: nl, epochs: 10, itersPerEpoch: 10, batchSize: B, warmupEpochs: 0, freezeLastLayer: 0,
    });
    const sizes = [...Array(ng).fill(gp), ...Array(nl).fill(lp)] as number[];
    const crops = sizes.map((s, i) => tf.randomNormal([B, 1, s, s], 0, 1, 'float32', i) as tf.Tensor4D);
    const batch = (): DINOBatch => ({ crops: crops.map((c) => tf.clone(c)) });
    ms = await timed(async () => { await fitSteps(m, batch, 1, DINO_TRAINER_CLIPPING); }, job.repeats);
  }
  // maxRSS is in KiB
  process.stdout.write(`${JSON.stringify({ step_ms: ms, peak_rss_mib: process.resourceUsage().maxRSS / 1024, base_rss_mib: base })}\n`);
}

await main();
