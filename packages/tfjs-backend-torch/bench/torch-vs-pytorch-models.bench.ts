/**
 * `npm run bench -- --filter torch-vs-pytorch`: training steps on our torch backend against the same
 * models written as PyTorch users write them (nn modules, torch.optim, no checkpointing on either
 * side), timed in pairs (bench/paired.ts: both sides as long-lived processes, bursts interleaved so
 * that a drifting VM favours neither; each side's peak RSS is its own process's):
 *   - the transformer block (8 × 64 × 192, 3 heads, MLP 768, Adam) written with engine/nn, with
 *     the fused kernels and without (composite ops) — bench/nn-block.ts vs bench/torch_vs_pytorch.py;
 *   - Pangu `superdarn` (no checkpointing) — packages/pangu/bench/pangu_torch_reference.py;
 *   - DINO ViT-S/16 multi-crop (student + teacher, AdamW, clipping, EMA) — bench/dino_vs_pytorch.py.
 * Sizes (bench only; default quick, minutes): WEATHERLEARN_BENCH_FULL=1 → the sizes, Pangu
 * grid 96 batch 2 and grid 300 batch 1, DINO 2×224 + 10×96 batch 16 (tens of minutes); or set
 * WEATHERLEARN_BENCH_PANGU (`GRIDxBATCH,…`), _DINO_BATCH, _DINO_GLOBAL_PX, _DINO_LOCAL_PX,
 * _DINO_LOCAL_CROPS, _DINO_OUT_DIM; WEATHERLEARN_BENCH_MODELS (default `block,pangu,dino`);
 * WEATHERLEARN_BENCH_THREADS (default `1,2`, both sides); WEATHERLEARN_BENCH_ROUNDS (paired rounds).
 * Needs the addon and a python3 with torch; without them it says why on stderr and gives no rows.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadedBlas, torchUnavailableReason } from '../src/index.js';
import { oursServer, paired, pytorchServer, type PairedPlan, type PairedResult } from './paired.js';

interface Row { name: string; value: number; unit: string; target?: string }

const env = process.env;
const full = env.WEATHERLEARN_BENCH_FULL === '1';
const num = (k: string, quick: number, big: number) => Number(env[`WEATHERLEARN_BENCH_${k}`] ?? (full ? big : quick));
const here = fileURLToPath(new URL('.', import.meta.url));

/** The first python3 that imports torch (Debian's python3-torch is /usr/bin/python3). */
function findPython(): string | undefined {
  for (const py of [env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[]) {
    if (spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0) return py;
  }
  return undefined;
}

function push(rows: Row[], label: string, r: PairedResult, target: [string, string]): void {
  const { ours, pytorch } = r;
  rows.push(
    { name: `${label} torch backend step (median)`, value: ours.medianMs, unit: 'ms' },
    { name: `${label} PyTorch step (median)`, value: pytorch.medianMs, unit: 'ms' },
    { name: `${label} time torch backend / PyTorch (median of ${r.rounds} paired rounds; ${r.ratioMin.toFixed(2)}–${r.ratioMax.toFixed(2)})`, value: r.ratio, unit: 'ratio', ...(target[0] ? { target: target[0] } : {}) },
    { name: `${label} torch backend peak RSS (base ${ours.baseRssMib.toFixed(0)})`, value: ours.peakRssMib, unit: 'MiB' },
    { name: `${label} PyTorch peak RSS (base ${pytorch.baseRssMib.toFixed(0)})`, value: pytorch.peakRssMib, unit: 'MiB' },
    { name: `${label} peak RSS torch backend / PyTorch`, value: ours.peakRssMib / pytorch.peakRssMib, unit: 'ratio', ...(target[1] ? { target: target[1] } : {}) },
    // without what the runtimes hold before any model exists (node + tfjs + libtorch vs python + torch)
    { name: `${label} peak RSS above base, torch backend / PyTorch`, value: (ours.peakRssMib - ours.baseRssMib) / (pytorch.peakRssMib - pytorch.baseRssMib), unit: 'ratio' },
  );
}

/** Runs the comparison; the `npm run bench` harness prints and records the rows. */
export default async function (): Promise<Row[]> {
  const rows: Row[] = [];
  const why = torchUnavailableReason();
  if (why) { process.stderr.write(`torch-vs-pytorch-models: ${why}; nothing to compare\n`); return rows; }
  const python = findPython();
  if (!python) { process.stderr.write('torch-vs-pytorch-models: no python3 imports torch (apt install python3-torch, or set PYTHON); nothing to compare\n'); return rows; }
  const models = (env.WEATHERLEARN_BENCH_MODELS ?? 'block,pangu,dino').split(',');
  const rounds = (n: number) => Number(env.WEATHERLEARN_BENCH_ROUNDS ?? n);
  const pangus = (env.WEATHERLEARN_BENCH_PANGU ?? (full ? '96x2,300x1' : '32x1')).split(',').map((s) => s.split('x').map(Number) as [number, number]);
  process.stderr.write(`torch-vs-pytorch-models: libtorch BLAS ${loadedBlas().name}, PyTorch from ${python}\n`);
  for (const threads of (env.WEATHERLEARN_BENCH_THREADS ?? '1,2').split(',').map(Number)) {
    const tag = `${threads} thread${threads > 1 ? 's' : ''}`;
    const plan = (p: Omit<PairedPlan, 'threads'>): PairedPlan => ({ ...p, threads });
    if (models.includes('block')) {
      const py = () => pytorchServer(python, `${here}torch_vs_pytorch.py`, '-', [threads, 8, 64, 192, 3, 768, 0], threads);
      const blockPlan = plan({ warmup: 5, rounds: rounds(full ? 30 : 15), steps: 5 });
      push(rows, `block 8x64x192 fused (${tag})`, await paired(oursServer({ model: 'block', fused: true }, threads), py(), blockPlan), ['≤ 1.2', '≤ 1.2']);
      push(rows, `block 8x64x192 composite ops (${tag})`, await paired(oursServer({ model: 'block', fused: false }, threads), py(), blockPlan), ['', '']);
    }
    if (models.includes('pangu')) {
      for (const [G, B] of pangus) {
        const py = pytorchServer(python, `${here}../../pangu/bench/pangu_torch_reference.py`, 'False', [threads, 1, G, B], threads);
        const us = oursServer({ model: 'pangu', grid: G, batch: B, checkpoint: false }, threads);
        push(rows, `Pangu superdarn g${G} b${B} no checkpointing (${tag})`, await paired(us, py, plan({ warmup: 1, rounds: rounds(G > 100 ? 2 : 4), steps: 1 })), ['≤ 1.3', '≤ 1.2']);
      }
    }
    if (models.includes('dino')) {
      const B = num('DINO_BATCH', 2, 16), gp = num('DINO_GLOBAL_PX', 224, 224), lp = num('DINO_LOCAL_PX', 96, 96);
      const nl = num('DINO_LOCAL_CROPS', 10, 10), out = num('DINO_OUT_DIM', 65536, 65536);
      const py = pytorchServer(python, `${here}dino_vs_pytorch.py`, '-', [threads, B, gp, 2, lp, nl, out, 0], threads);
      const us = oursServer({ model: 'dino', batch: B, globalPx: gp, nGlobal: 2, localPx: lp, nLocal: nl, outDim: out }, threads);
      push(rows, `DINO ViT-S/16 2x${gp}+${nl}x${lp} b${B} (${tag})`, await paired(us, py, plan({ warmup: 1, rounds: rounds(B > 4 ? 2 : 4), steps: 1 })), ['', '']);
    }
  }
  return rows;
}
