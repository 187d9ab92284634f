/**
 * Our side of the GPU check's speed table: step times of the benchmark transformer block, the Pangu
 * `superdarn` preset and DINO on the torch backend on one device, and a Gloo (and, on a GPU, NCCL)
 * collective round trip. Bundled into the GPU kit as
 * `gpu-bench.mjs` (scripts/gpu/kit.mjs); the PyTorch twins (scripts/gpu/twin_*.py and
 * packages/pangu/bench/pangu_torch_reference.py) time the same work. Prints one JSON object.
 *   node gpu-bench.mjs --device cuda:0 --size gpu|cpu [--threads N] [--only block,pangu,dino,gloo,nccl]
 */
import { initEngine, registerBackendCandidate, tf } from '@weatherlearn/engine';
import { createTorchCandidate } from '@weatherlearn/tfjs-backend-torch';
import { Pangu, PanguTrainingModule, panguPreset } from '@weatherlearn/pangu';
import { DINOTrainingModule, DINO_TRAINER_CLIPPING, vit_small, vit_tiny, type DINOBatch } from '@weatherlearn/dino';
import { fitSteps } from '@weatherlearn/trainer';
import { ProcessGroup } from '@weatherlearn/distributed';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTrainer } from '../../packages/tfjs-backend-torch/test/transformer-block.js';
import { SIZES, type Sizes } from './sizes.js';

/** One measurement: milliseconds per training step. */
interface Row { name: string; ms: number; [k: string]: unknown }

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Mean time of up to `repeats` calls after a warm-up, stopping early once `budgetMs` has passed. */
async function timeIt(f: () => unknown, repeats: number, budgetMs = 30_000): Promise<number> {
  await f();
  const t0 = performance.now();
  let n = 0;
  while (n < repeats && (n === 0 || performance.now() - t0 < budgetMs)) { await f(); n++; }
  return (performance.now() - t0) / n;
}

async function block(s: Sizes): Promise<Row[]> {
  const t = makeTrainer(s.block);
  const ms = await timeIt(() => t.step(), s.repeats * 5);
  t.dispose();
  return [{ name: 'block', ms, ...s.block }];
}

async function pangu(s: Sizes): Promise<Row[]> {
  const rows: Row[] = [];
  const g = s.pangu.grid;
  for (const b of s.pangu.batches) {
    const model = new Pangu(panguPreset('superdarn', { gridSize: [g, g], seed: 0 }));
    const mod = new PanguTrainingModule(model, { optimizer: 'adamw', lr: 1e-4, weightDecay: 0.05, checkpoint: true });
    const x = tf.randomNormal([b, 5, g, g], 0, 1, 'float32', 1) as tf.Tensor4D;
    // One step as `weatherlearn train` takes it: the trainer, Adam, and (to match the PyTorch row) checkpointed blocks.
    const ms = await timeIt(async () => { await fitSteps(mod, () => ({ input: { surface: tf.clone(x) }, target: { surface: tf.clone(x) } }), 1); }, s.repeats);
    rows.push({ name: `pangu-b${b}`, ms, grid: g, batch: b });
    mod.dispose();
    x.dispose();
    model.dispose();
  }
  return rows;
}

async function dino(s: Sizes): Promise<Row[]> {
  const d = s.dino;
  const arch = d.arch === 'vit_small' ? vit_small : vit_tiny;
  const m = new DINOTrainingModule((dp) => arch({ imgSize: d.global, patchSize: d.patch, dropPathRate: dp }), {
    outDim: d.outDim, localCropsNumber: d.locals, epochs: 10, itersPerEpoch: 10, batchSize: d.batch, warmupEpochs: 0, freezeLastLayer: 0,
  });
  const sizes = [d.global, d.global, ...Array.from({ length: d.locals }, () => d.local)];
  const batch: DINOBatch = { crops: sizes.map((px, i) => tf.randomNormal([d.batch, 1, px, px], 0, 1, 'float32', i) as tf.Tensor4D) };
  const ms = await timeIt(async () => { await fitSteps(m, () => ({ crops: batch.crops.map((c) => tf.clone(c)) }), 1, DINO_TRAINER_CLIPPING); }, s.repeats);
  tf.dispose(batch.crops);
  m.dispose();
  return [{ name: 'dino', ms, ...d }];
}

/** Our c10d Gloo binding, world size 1 (FileStore): allreduce + broadcast + barrier of one buffer. */
async function gloo(s: Sizes): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wl-gpu-gloo-'));
  const pg = await ProcessGroup.connect({ store: 'file', filePath: join(dir, 'store'), rank: 0, worldSize: 1 });
  const buf = new Float32Array(s.collective.floats).fill(1);
  const ms = await timeIt(async () => { await pg.allReduceSum(buf); await pg.broadcast([buf]); await pg.barrier(); }, s.repeats * 5);
  pg.destroy();
  rmSync(dir, { recursive: true, force: true });
  if (buf[0] !== 1) throw new Error(`gloo: allreduce over world size 1 changed the data (${buf[0]})`);
  return [{ name: 'gloo', ms, floats: s.collective.floats }];
}

/** The NCCL probe (scripts/gpu/nccl, built by check.sh on a GPU into <kit>/build/Release). */
async function nccl(s: Sizes): Promise<Row[]> {
  const addon = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'Release', 'weatherlearn_nccl.node');
  const probe = createRequire(import.meta.url)(addon) as { roundTrip(path: string, floats: number, repeats: number, device: number): { ms: number; ok: boolean } };
  const dir = mkdtempSync(join(tmpdir(), 'wl-gpu-nccl-'));
  try {
    const r = probe.roundTrip(join(dir, 'store'), s.collective.floats, s.repeats * 5, Number(/^cuda:(\d+)$/.exec(device)?.[1] ?? 0));
    if (!r.ok) throw new Error('nccl: allreduce over world size 1 changed the data');
    return [{ name: 'nccl', ms: r.ms, floats: s.collective.floats }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const device = flag('device', 'cpu');
const sizes = SIZES[flag('size', device === 'cpu' ? 'cpu' : 'gpu') as keyof typeof SIZES];
if (!sizes) throw new Error(`gpu-bench: --size must be one of ${Object.keys(SIZES).join(', ')}`);
const only = flag('only', 'block,pangu,dino,gloo').split(',');
registerBackendCandidate(createTorchCandidate({ device, threads: Number(flag('threads', '0')) }));
const info = await initEngine({ backend: 'torch' });
const rows: Row[] = [];
for (const [name, f] of [['block', block], ['pangu', pangu], ['dino', dino], ['gloo', gloo], ['nccl', nccl]] as const) {
  if (only.includes(name)) rows.push(...(await f(sizes)));
}
process.stdout.write(`${JSON.stringify({ backend: info.backend, notes: info.notes, device, rows })}\n`);
