/**
 * Data-parallel scaling: optimizer steps/s of `weatherlearn train pangu` on the Pangu tiny config
 * (`examples/pangu-tiny.json`) with the same global batch (8) in one process (batch 4 ×
 * `accumulateGradBatches` 2) and in 2 processes started by `weatherlearn launch --nproc 2` (batch 4
 * per rank, gradients averaged with Gloo over loopback), and the scaling efficiency
 * `steps/s(2) / (2 · steps/s(1))`. The CLI is spawned from source (`node --conditions=source
 * --import tsx apps/train/src/cli.ts`). Steps/s is measured from rank 0's `metrics.jsonl` step
 * times after a warm-up, so start-up (tsx, engine, rendezvous) is not counted.
 *
 * The 2-process rows are skipped (with the reason) when the c10d addon is not built
 * (`npm run build:native -w @weatherlearn/distributed`). Environment (bench only):
 * WEATHERLEARN_BENCH_DIST_STEPS (optimizer steps per run, default 12; at most 16, one epoch),
 * WEATHERLEARN_BENCH_DIST_WARMUP (steps not timed, default 2), WEATHERLEARN_BENCH_BACKEND
 * (engine backend of the ranks, default the config's `cpu`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { c10dUnavailableReason } from '../src/index.js';

interface Row { name: string; value: number; unit: string; skipped?: string }

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const CLI = ['--conditions=source', '--import', 'tsx', join(ROOT, 'apps/train/src/cli.ts')];

function intEnv(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1 || v > max) throw new Error(`scaling.bench: ${name}="${raw}" must be an integer from 1 to ${max}`);
  return v;
}

/** Runs the CLI with `args` in the repository root; rejects with the output's tail when it fails or exceeds `timeoutMs`. */
function cli(args: string[], timeoutMs: number): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['RANK', 'WORLD_SIZE', 'LOCAL_RANK', 'LOCAL_WORLD_SIZE', 'MASTER_ADDR', 'MASTER_PORT', 'SLURM_PROCID', 'SLURM_STEP_NUM_TASKS']) delete env[k];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (d: Buffer) => { out = (out + d.toString()).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`scaling.bench: weatherlearn ${args.slice(0, 4).join(' ')} … ${signal ? `killed by ${signal} (timeout ${timeoutMs / 1000} s)` : `exited with code ${code}`}\n${out}`));
    });
  });
}

/** Steady-state optimizer steps/s from `runDir/metrics.jsonl` (one line per step): steps after `warmup` over their wall time. */
export function stepsPerSecond(runDir: string, warmup: number): number {
  const file = join(runDir, 'metrics.jsonl');
  const rows = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { step: number; time: number; loss?: number })
    .filter((r) => r.loss !== undefined);
  const timed = rows.filter((r) => r.step >= warmup);
  if (timed.length < 2) throw new Error(`scaling.bench: ${file} has ${rows.length} step line(s); need more than warm-up ${warmup} + 1`);
  const a = timed[0]!, b = timed[timed.length - 1]!;
  return (b.step - a.step) / (b.time - a.time);
}

export default async function scaling(): Promise<Row[]> {
  const steps = intEnv('WEATHERLEARN_BENCH_DIST_STEPS', 12, 16);
  const warmup = Math.min(intEnv('WEATHERLEARN_BENCH_DIST_WARMUP', 2, 15), steps - 2);
  const backend = process.env.WEATHERLEARN_BENCH_BACKEND;
  const tmp = mkdtempSync(join(tmpdir(), 'wl-scaling-'));
  // 128 samples: 32 batches of 4 = 16 optimizer steps of global batch 8 per epoch; no validation, one checkpoint at the end.
  const common = ['--config', join(ROOT, 'examples/pangu-tiny.json'), '--set', 'data.samples=128', '--set', 'data.batchSize=4',
    '--set', `trainer.maxSteps=${steps}`, '--set', 'trainer.valCheckInterval=0', '--set', 'trainer.logEveryNSteps=1',
    '--set', 'trainer.checkpoint.everyNSteps=0', '--set', 'trainer.checkpoint.everyEpoch=false', '--set', 'loggers.names=jsonl',
    '--set', 'samples=0', '--set', 'progress.every=1000', ...(backend ? ['--set', `engine.backend=${backend}`] : [])];
  const timeoutMs = 600_000;
  const rows: Row[] = [];
  try {
    await cli(['train', 'pangu', ...common, '--out', join(tmp, 'p1'), '--set', 'trainer.accumulateGradBatches=2'], timeoutMs);
    const one = stepsPerSecond(join(tmp, 'p1'), warmup);
    rows.push({ name: 'pangu tiny, 1 process (batch 4 × accumulation 2)', value: one, unit: 'steps/s' });
    const why = c10dUnavailableReason();
    if (why) {
      process.stderr.write(`scaling.bench: ${why}; skipping the 2-process rows\n`);
      for (const name of ['pangu tiny, launch --nproc 2 (batch 4 per rank)', 'pangu tiny, scaling efficiency 2 vs 1']) rows.push({ name, value: 0, unit: 'skipped', skipped: why });
      return rows;
    }
    await cli(['launch', '--nproc', '2', '--timeout', '120', '--', 'train', 'pangu', ...common, '--out', join(tmp, 'p2')], timeoutMs);
    const two = stepsPerSecond(join(tmp, 'p2'), warmup);
    rows.push({ name: 'pangu tiny, launch --nproc 2 (batch 4 per rank)', value: two, unit: 'steps/s' });
    rows.push({ name: 'pangu tiny, speed-up 2 vs 1 process', value: two / one, unit: '×' });
    rows.push({ name: 'pangu tiny, scaling efficiency 2 vs 1', value: (100 * two) / (2 * one), unit: '%' });
    return rows;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
