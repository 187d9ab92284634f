/**
 * `npm run bench -- --filter torch-vs-pytorch`: training steps on our torch backend against the same
 * models written as PyTorch users write them (nn modules, torch.optim, no checkpointing on either
 * side), each measurement in a process of its own so that its peak RSS is the step's:
 *   - the transformer block (8 × 64 × 192, 3 heads, MLP 768, Adam) written with engine/nn, with
 *     the fused kernels and without (composite ops) — bench/nn-block.ts vs bench/torch_vs_pytorch.py;
 *   - Pangu `superdarn` (no checkpointing) — packages/pangu/bench/pangu_torch_reference.py;
 *   - DINO ViT-S/16 multi-crop (student + teacher, AdamW, clipping, EMA) — bench/dino_vs_pytorch.py.
 * Sizes (bench only; default quick, minutes on a shared box): WEATHERLEARN_BENCH_FULL=1 → Pangu
 * grid 96 batch 2, DINO 2×224 + 10×96 batch 16, out_dim 65536; or set WEATHERLEARN_BENCH_PANGU_GRID,
 * _PANGU_BATCH, _DINO_BATCH, _DINO_GLOBAL_PX, _DINO_LOCAL_PX, _DINO_LOCAL_CROPS, _DINO_OUT_DIM;
 * WEATHERLEARN_BENCH_MODELS (default `block,pangu,dino`); WEATHERLEARN_BENCH_THREADS (default 1,
 * both sides). Needs the addon and a python3 with torch (rows are left out, said on stderr).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { torchUnavailableReason } from '../src/index.js';

interface Row { name: string; value: number; unit: string; target?: string }
interface Measure { step_ms: number; peak_rss_mib: number; base_rss_mib: number }

const env = process.env;
const full = env.WEATHERLEARN_BENCH_FULL === '1';
const num = (k: string, quick: number, big: number) => Number(env[`WEATHERLEARN_BENCH_${k}`] ?? (full ? big : quick));
const threads = Number(env.WEATHERLEARN_BENCH_THREADS ?? 1);
const here = fileURLToPath(new URL('.', import.meta.url));
const PYTHONS = [env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];

function lastJson(out: string): Record<string, number> {
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

/** Our side: bench/step-worker.ts in a child node. */
function ours(job: Record<string, unknown>): Measure | undefined {
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', `${here}step-worker.ts`, JSON.stringify({ threads, ...job })],
    { encoding: 'utf8', timeout: 3_600_000, env: { ...env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) } });
  if (r.status !== 0) { process.stderr.write(`torch-vs-pytorch-models: ${JSON.stringify(job)} failed: ${r.stderr.slice(-2000)}\n`); return undefined; }
  const j = lastJson(r.stdout);
  return { step_ms: j.step_ms!, peak_rss_mib: j.peak_rss_mib!, base_rss_mib: j.base_rss_mib! };
}

/**
 * PyTorch side; peak RSS from `resource` (the Pangu script does not print it, so it is wrapped), and
 * the base: the peak after `import torch`, before the script (ours: after the engine loaded libtorch).
 */
function pytorch(script: string, args: (string | number)[], key = 'step_ms'): Measure | undefined {
  const wrap = 'import json,resource,runpy,sys,io,contextlib,torch\nrss=lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024\nbase=rss()\nbuf=io.StringIO()\n'
    + 'with contextlib.redirect_stdout(buf):\n  sys.argv=sys.argv[1:];runpy.run_path(sys.argv[0],run_name="__main__")\n'
    + 'j=json.loads(buf.getvalue().strip().splitlines()[-1]);j["peak_rss_mib"]=rss();j["base_rss_mib"]=base;print(json.dumps(j))';
  for (const py of PYTHONS) {
    const r = spawnSync(py, ['-c', wrap, script, ...args.map(String)], { encoding: 'utf8', timeout: 3_600_000, env: { ...env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) } });
    if (r.status === 0) { const j = lastJson(r.stdout); return { step_ms: j[key]!, peak_rss_mib: j.peak_rss_mib!, base_rss_mib: j.base_rss_mib! }; }
  }
  process.stderr.write(`torch-vs-pytorch-models: no python3 with torch ran ${script}; PyTorch rows left out\n`);
  return undefined;
}

function compare(rows: Row[], label: string, a: Measure | undefined, b: Measure | undefined, target: [string, string]): void {
  if (a) rows.push({ name: `${label} torch backend step`, value: a.step_ms, unit: 'ms' }, { name: `${label} torch backend peak RSS (base ${a.base_rss_mib.toFixed(0)})`, value: a.peak_rss_mib, unit: 'MiB' });
  if (b) rows.push({ name: `${label} PyTorch step`, value: b.step_ms, unit: 'ms' }, { name: `${label} PyTorch peak RSS (base ${b.base_rss_mib.toFixed(0)})`, value: b.peak_rss_mib, unit: 'MiB' });
  if (a && b) {
    rows.push({ name: `${label} time torch backend / PyTorch`, value: a.step_ms / b.step_ms, unit: 'ratio', target: target[0] });
    rows.push({ name: `${label} peak RSS torch backend / PyTorch`, value: a.peak_rss_mib / b.peak_rss_mib, unit: 'ratio', target: target[1] });
    // without what the runtimes hold before any model exists (node + tfjs + libtorch vs python + torch)
    rows.push({ name: `${label} peak RSS above base, torch backend / PyTorch`, value: (a.peak_rss_mib - a.base_rss_mib) / (b.peak_rss_mib - b.base_rss_mib), unit: 'ratio' });
  }
}

/** Runs the comparison; the `npm run bench` harness prints and records the rows. */
export default async function (): Promise<Row[]> {
  const rows: Row[] = [];
  const why = torchUnavailableReason();
  if (why) { process.stderr.write(`torch-vs-pytorch-models: ${why}; nothing to compare\n`); return rows; }
  const models = (env.WEATHERLEARN_BENCH_MODELS ?? 'block,pangu,dino').split(',');
  const tag = `${threads} thread${threads > 1 ? 's' : ''}`;
  if (models.includes('block')) {
    const reps = full ? 30 : 10;
    const py = pytorch(`${here}torch_vs_pytorch.py`, [threads, 8, 64, 192, 3, 768, reps]);
    const fused = ours({ model: 'block', backend: 'torch', repeats: reps, fused: true });
    const composite = ours({ model: 'block', backend: 'torch', repeats: reps, fused: false });
    compare(rows, `block 8x64x192 (engine/nn, fused kernels, ${tag})`, fused, py, ['≤ 1.2', '≤ 1.2']);
    compare(rows, `block 8x64x192 (engine/nn, composite ops, ${tag})`, composite, undefined, ['', '']);
    if (fused && composite) rows.push({ name: 'block fused / composite step time', value: fused.step_ms / composite.step_ms, unit: 'ratio' });
  }
  if (models.includes('pangu')) {
    const G = num('PANGU_GRID', 32, 96), B = num('PANGU_BATCH', 1, 2);
    const py = pytorch(`${here}../../pangu/bench/pangu_torch_reference.py`, [threads, 1, G, B]);
    const us = ours({ model: 'pangu', backend: 'torch', repeats: full ? 2 : 1, grid: G, batch: B, checkpoint: false });
    compare(rows, `Pangu superdarn g${G} b${B} no checkpointing (${tag})`, us, py, ['≤ 1.3', '≤ 1.2']);
  }
  if (models.includes('dino')) {
    const B = num('DINO_BATCH', 2, 16), gp = num('DINO_GLOBAL_PX', 224, 224), lp = num('DINO_LOCAL_PX', 96, 96);
    const nl = num('DINO_LOCAL_CROPS', 10, 10), out = num('DINO_OUT_DIM', 65536, 65536), reps = 2;
    const py = pytorch(`${here}dino_vs_pytorch.py`, [threads, B, gp, 2, lp, nl, out, reps]);
    const us = ours({ model: 'dino', backend: 'torch', repeats: reps, batch: B, globalPx: gp, nGlobal: 2, localPx: lp, nLocal: nl, outDim: out });
    compare(rows, `DINO ViT-S/16 2x${gp}+${nl}x${lp} b${B} (${tag})`, us, py, ['', '']);
  }
  return rows;
}
