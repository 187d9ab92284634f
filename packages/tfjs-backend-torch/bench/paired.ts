/**
 * Paired, interleaved timing of one training step on our side (bench/step-worker.ts) and PyTorch's
 * (bench/pyserve.py + a twin script). Both run as long-lived processes; the coordinator asks them
 * in turn for a burst of steps, alternating who goes first, so that both sides see the same machine
 * — on a shared VM the speed of a core drifts by up to 2× over tens of seconds, which makes two
 * back-to-back runs disagree by more than the difference being measured. The ratio reported is the
 * median over rounds of (our burst median / PyTorch's burst median); each side's peak RSS is its own
 * process's.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** What one side reported over the run. */
export interface SideResult { medianMs: number; peakRssMib: number; baseRssMib: number }
/** A paired measurement: both sides and the per-round ratios (ours / PyTorch). */
export interface PairedResult { ours: SideResult; pytorch: SideResult; ratio: number; ratioMin: number; ratioMax: number; rounds: number }

/** How many bursts, of how many steps, after how many warm-up steps. */
export interface PairedPlan { warmup: number; rounds: number; steps: number; threads: number }

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };

/** A long-lived step server speaking the JSON line protocol. */
class Server {
  private readonly lines: Interface;
  private readonly queue: string[] = [];
  private waiting?: (line: string) => void;
  private stderr = '';
  constructor(readonly name: string, private readonly proc: ChildProcessWithoutNullStreams) {
    this.lines = createInterface({ input: proc.stdout });
    this.lines.on('line', (l) => { if (this.waiting) { const w = this.waiting; this.waiting = undefined; w(l); } else this.queue.push(l); });
    proc.stderr.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-4000); });
    // a server that died is reported by next(); writing `quit` to it must not throw EPIPE
    proc.stdin.on('error', () => {});
  }

  /** The next JSON line; rejects with the server's stderr if it exits first or stays silent `timeoutMs`. */
  next(timeoutMs = 3_600_000): Promise<Record<string, unknown>> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(JSON.parse(queued));
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return Promise.reject(new Error(`${this.name} exited (${this.proc.exitCode ?? this.proc.signalCode}):\n${this.stderr}`));
    return new Promise((resolve, reject) => {
      const done = () => { this.proc.off('exit', onExit); clearTimeout(timer); };
      const onExit = (code: number | null) => { done(); reject(new Error(`${this.name} exited (${code}) before answering:\n${this.stderr}`)); };
      const timer = setTimeout(() => { done(); this.proc.kill('SIGKILL'); reject(new Error(`${this.name} gave no answer in ${timeoutMs / 1000} s:\n${this.stderr}`)); }, timeoutMs);
      this.proc.once('exit', onExit);
      this.waiting = (l) => { done(); try { resolve(JSON.parse(l)); } catch { reject(new Error(`${this.name}: not JSON: ${l}`)); } };
    });
  }

  async run(steps: number): Promise<{ ms: number[]; peak_rss_mib: number }> {
    this.proc.stdin.write(`${steps}\n`);
    return await this.next() as { ms: number[]; peak_rss_mib: number };
  }

  close(): void { this.proc.stdin.end('quit\n'); }
}

function start(name: string, cmd: string, args: string[], threads: number, extraEnv: Record<string, string> = {}): Server {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads), ...extraEnv };
  return new Server(name, spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'] }));
}

const PKGS = ['engine', 'tfjs-backend-torch', 'pangu', 'dino', 'trainer', 'tensor-io'];

/** Packages whose sources are newer than their built dist (the bench would time stale code). */
function staleDists(): string[] {
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? statSync(p).mtimeMs : 0);
  }, 0);
  return PKGS.filter((p) => {
    const root = join(here, '..', '..', p), dist = join(root, 'dist', 'index.js');
    return !existsSync(dist) || newest(join(root, 'src')) > statSync(dist).mtimeMs;
  });
}

let worker: string | undefined;

/**
 * The step worker as plain JS: bench/step-worker.ts and bench/nn-block.ts bundled by esbuild with every
 * package left as an import, so our side runs the built dist under plain node, as the CLI does
 * (WEATHERLEARN_BENCH_FROM=source runs the sources under tsx instead: ~77 MiB more RSS).
 */
async function stepWorker(): Promise<string[]> {
  if (process.env.WEATHERLEARN_BENCH_FROM === 'source') return ['--conditions=source', '--import', 'tsx', `${here}step-worker.ts`];
  if (!worker) {
    const stale = staleDists();
    if (stale.length) throw new Error(`bench: the built dist of ${stale.join(', ')} is missing or older than its sources; run \`npm run build\` (or set WEATHERLEARN_BENCH_FROM=source)`);
    worker = join(here, '..', 'node_modules', '.cache', 'wl-bench', 'step-worker.mjs');
    const { build } = await import('esbuild');
    await build({ entryPoints: [`${here}step-worker.ts`], outfile: worker, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  }
  return [worker];
}

/** Our side: step-worker with `job` (model, sizes; threads added), `extraEnv` on top of ours. */
export async function oursServer(job: Record<string, unknown>, threads: number, extraEnv: Record<string, string> = {}): Promise<Server> {
  return start(`ours ${String(job.model)}`, process.execPath, [...await stepWorker(), JSON.stringify({ backend: 'torch', threads, ...job })], threads, extraEnv);
}

/** PyTorch's side: pyserve.py running `script`'s step(stepArg) with `args`. */
export function pytorchServer(python: string, script: string, stepArg: string, args: (string | number)[], threads: number): Server {
  return start(`PyTorch ${script}`, python, [`${here}pyserve.py`, script, stepArg, ...args.map(String)], threads);
}

/** Runs the plan on two servers (or their promises) and closes them. */
export async function paired(oursP: Server | Promise<Server>, pytorchP: Server | Promise<Server>, plan: PairedPlan): Promise<PairedResult> {
  const [a, b] = await Promise.allSettled([oursP, pytorchP]);
  if (a.status === 'rejected' || b.status === 'rejected') {
    for (const r of [a, b]) if (r.status === 'fulfilled') r.value.close();
    throw a.status === 'rejected' ? a.reason : (b as PromiseRejectedResult).reason;
  }
  const ours = a.value, pytorch = b.value;
  try {
    const readyOurs = await ours.next(), readyPy = await pytorch.next();
    await ours.run(plan.warmup);
    await pytorch.run(plan.warmup);
    const a: number[] = [], b: number[] = [], ratios: number[] = [];
    let peakA = 0, peakB = 0;
    for (let r = 0; r < plan.rounds; r++) {
      // alternate who goes first so that a drifting machine favours neither side
      const [first, second] = r % 2 ? [pytorch, ours] : [ours, pytorch];
      const x = await first.run(plan.steps), y = await second.run(plan.steps);
      const [mine, theirs] = first === ours ? [x, y] : [y, x];
      a.push(...mine.ms); b.push(...theirs.ms);
      ratios.push(median(mine.ms) / median(theirs.ms));
      peakA = mine.peak_rss_mib; peakB = theirs.peak_rss_mib;
    }
    return {
      ours: { medianMs: median(a), peakRssMib: peakA, baseRssMib: Number(readyOurs.base_rss_mib) },
      pytorch: { medianMs: median(b), peakRssMib: peakB, baseRssMib: Number(readyPy.base_rss_mib) },
      ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios), rounds: plan.rounds,
    };
  } finally {
    ours.close(); pytorch.close();
  }
}
