/**
 * One model's training step, served to bench/paired.ts in a process of its own (so that its peak RSS
 * is that step's). paired.ts bundles this file (packages stay imports, so they load from their built
 * dist, as the CLI does) and runs it with plain node — no tsx, which alone adds ~77 MiB to a process:
 *   node node_modules/.cache/wl-bench/step-worker.mjs JSON     (or, from source: node --conditions=source --import tsx bench/step-worker.ts JSON)
 * JSON: { model: 'block' | 'pangu' | 'dino', backend: 'torch' | 'wasm', threads, fused?, cpuCacheMiB?, grid?,
 * batch?, checkpoint?, globalPx?, nGlobal?, localPx?, nLocal?, outDim? }. Speaks the line protocol of
 * bench/paired.ts: prints {"ready":true,"base_rss_mib":…} once set up (base: after the engine loaded
 * libtorch, before the model), then answers each line `N` with {"ms":[…N step times…],"peak_rss_mib":…}
 * and exits on `quit` or end of input.
 */
import { createInterface } from 'node:readline';
import { initEngine, registerBackendCandidate, setFusedKernels, tf } from '@weatherlearn/engine';
import { fitSteps } from '@weatherlearn/trainer';
import { Pangu, PanguTrainingModule, panguPreset, type PanguBatch } from '@weatherlearn/pangu';
import { DINOTrainingModule, DINO_TRAINER_CLIPPING, vit_small, type DINOBatch } from '@weatherlearn/dino';
import { createTorchCandidate } from '@weatherlearn/tfjs-backend-torch';
import { makeNnBlockTrainer } from './nn-block.js';

interface Job {
  model: 'block' | 'pangu' | 'dino'; backend: 'torch' | 'wasm'; threads: number; fused?: boolean; cpuCacheMiB?: number;
  grid?: number; batch?: number; checkpoint?: boolean; globalPx?: number; nGlobal?: number; localPx?: number; nLocal?: number; outDim?: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const mib = (b: number) => b / 2 ** 20;
/** maxRSS is in KiB. */
const peak = () => process.resourceUsage().maxRSS / 1024;

/** Builds the model, its data and its optimizer; returns one training step. */
function setup(): () => Promise<void> | void {
  if (job.model === 'block') {
    const t = makeNnBlockTrainer({ B: 8, T: 64, C: 192, H: 3, M: 768 });
    return () => { t.step(); };
  }
  if (job.model === 'pangu') {
    const G = job.grid ?? 96, B = job.batch ?? 2;
    const mod = new PanguTrainingModule(new Pangu(panguPreset('superdarn', { gridSize: [G, G], seed: 0 })), { checkpoint: job.checkpoint ?? false });
    const x = tf.randomNormal([B, 5, G, G], 0, 1, 'float32', 1) as tf.Tensor4D;
    const batch = (): PanguBatch => ({ input: { surface: tf.clone(x) }, target: { surface: tf.clone(x) } });
    return async () => { await fitSteps(mod, batch, 1); };
  }
  const B = job.batch ?? 2, gp = job.globalPx ?? 224, ng = job.nGlobal ?? 2, lp = job.localPx ?? 96, nl = job.nLocal ?? 10;
  const m = new DINOTrainingModule((dp) => vit_small({ imgSize: gp, dropPathRate: dp }), {
    outDim: job.outDim ?? 65536, localCropsNumber: nl, epochs: 10, itersPerEpoch: 10, batchSize: B, warmupEpochs: 0, freezeLastLayer: 0,
  });
  const sizes = [...Array(ng).fill(gp), ...Array(nl).fill(lp)] as number[];
  const crops = sizes.map((s, i) => tf.randomNormal([B, 1, s, s], 0, 1, 'float32', i) as tf.Tensor4D);
  const batch = (): DINOBatch => ({ crops: crops.map((c) => tf.clone(c)) });
  return async () => { await fitSteps(m, batch, 1, DINO_TRAINER_CLIPPING); };
}

async function main(): Promise<void> {
  if (job.backend === 'torch') registerBackendCandidate(createTorchCandidate({ threads: job.threads, ...(job.cpuCacheMiB !== undefined ? { cpuCacheMiB: job.cpuCacheMiB } : {}) }));
  await initEngine({ backend: job.backend, threads: job.threads });
  setFusedKernels(job.fused ?? true);
  const base = mib(process.memoryUsage().rss);
  const step = setup();
  process.stdout.write(`${JSON.stringify({ ready: true, base_rss_mib: base })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === 'quit') break;
    const ms: number[] = [];
    for (let i = 0; i < Number(line); i++) {
      const t0 = performance.now();
      await step();
      ms.push(performance.now() - t0);
    }
    process.stdout.write(`${JSON.stringify({ ms, peak_rss_mib: peak() })}\n`);
  }
}

await main();
