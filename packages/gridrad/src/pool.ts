/**
 * A small worker_threads pool. Under the TypeScript sources (tests, tsx) workers load `worker.ts`
 * through tsx; from the built package they load `dist/worker.js`. With `size` 0 jobs run in the
 * calling thread (handy for debugging).
 */
import { Worker } from 'node:worker_threads';
import { runTask, type Task, type TaskResult } from './tasks.js';

interface Slot { worker: Worker; busy: boolean; peak: number; dead?: boolean }
interface Pending { id: number; task: Task; resolve: (v: unknown) => void; reject: (e: Error) => void; slot?: Slot }

const FROM_TS = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_TS ? './worker.ts' : './worker.js', import.meta.url);

/** Deno and Bun run TypeScript natively (workers included); Node needs tsx's loader. */
const NATIVE_TS = 'Deno' in globalThis || typeof process.versions.bun === 'string';

/** Starts a worker on `worker.js`, or on `worker.ts` (through tsx's loader on Node) when running from sources. */
function startWorker(): Worker {
  if (!FROM_TS || NATIVE_TS) return new Worker(WORKER_URL);
  // `--import tsx` in a worker's execArgv is not honoured by Node 20, so register tsx in the worker first.
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true, execArgv: ['--conditions=source'] });
}

/** Memory figures of the pool. */
export interface PoolMemory {
  /** Peak V8 heap + array buffers + external memory of each worker (bytes). */
  peakPerWorker: number[];
  /** Highest process RSS a worker reported (bytes; the process is shared by all threads). */
  peakRss: number;
}

/** A fixed-size pool of worker threads running {@link Task}s. */
export class WorkerPool {
  private slots: Slot[] = [];
  private queue: Pending[] = [];
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private closed = false;
  private rss = 0;
  private retired: number[] = [];

  /** Starts `size` workers (0: run in the calling thread). */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`worker count must be an integer ≥ 0, got ${size}`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = startWorker();
    const slot: Slot = { worker, busy: false, peak: 0 };
    worker.on('message', (m: { id: number; result?: unknown; error?: string; mem?: { rss: number; peak: number } }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      slot.busy = false;
      if (m.mem) { slot.peak = Math.max(slot.peak, m.mem.peak); this.rss = Math.max(this.rss, m.mem.rss); }
      if (m.error !== undefined) p.reject(new Error(m.error)); else p.resolve(m.result);
      this.pump();
    });
    const fail = (err: Error): void => {
      if (slot.dead) return;
      slot.dead = true;
      for (const [id, p] of this.pending) {
        if (p.slot === slot) { this.pending.delete(id); p.reject(err); }
      }
      const i = this.slots.indexOf(slot);
      if (i >= 0) {
        this.retired.push(slot.peak);
        if (this.closed) this.slots.splice(i, 1); else this.slots[i] = this.spawn();
      }
      this.pump();
    };
    worker.on('error', (e) => fail(new Error(`worker crashed: ${e.message}`)));
    worker.on('exit', (code) => { if (!this.closed) fail(new Error(`worker exited with code ${code}`)); });
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      const p = this.queue.shift()!;
      slot.busy = true;
      p.slot = slot;
      this.pending.set(p.id, p);
      slot.worker.postMessage({ id: p.id, task: p.task });
    }
  }

  /** Runs a job on the next free worker; rejects if the job throws or its worker dies. */
  run<T extends Task>(task: T): Promise<TaskResult<T>> {
    if (this.closed) return Promise.reject(new Error('pool is closed'));
    if (this.size === 0) return runTask(task) as Promise<TaskResult<T>>;
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /** Memory figures so far. */
  memory(): PoolMemory {
    return { peakPerWorker: [...this.slots.map((s) => s.peak), ...this.retired], peakRss: this.rss };
  }

  /** Stops every worker (pending jobs are rejected). */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue) p.reject(new Error('pool closed'));
    this.queue = [];
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    for (const [, p] of this.pending) p.reject(new Error('pool closed'));
    this.pending.clear();
  }
}

/**
 * Runs `items` through `fn` with at most `limit` in flight, calling `onResult` as each finishes
 * (completion order). Used with a pool so the main thread can checkpoint results one by one.
 */
export async function mapLimit<I, R>(items: readonly I[], limit: number, fn: (item: I) => Promise<R>, onResult: (r: R, item: I) => void | Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await onResult(await fn(item), item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
