import { chooseBindAddress, type BindAddress } from './address.js';
import { loadC10d, type C10dBinding, type GroupHandle } from './native.js';

/** How ranks meet and how long collectives may wait. */
export interface ProcessGroupOptions {
  rank: number;
  worldSize: number;
  /** Rendezvous: a TCPStore served by rank 0 at `masterAddr:masterPort`, or a FileStore at `filePath` (shared filesystem). */
  store: 'tcp' | 'file';
  masterAddr: string;
  masterPort: number;
  filePath: string;
  /** Every collective fails after this long (a dead or stuck rank becomes an error, not a hang). */
  timeoutMs: number;
  /** How long ranks wait for each other at the rendezvous (process start-up differs); 0: `timeoutMs`. */
  rendezvousTimeoutMs: number;
  /**
   * Local IP Gloo binds (other ranks connect to it); '' chooses one with {@link chooseBindAddress}:
   * `interface`'s address, else the one routing to `masterAddr` (127.0.0.1 for a loopback master).
   */
  device: string;
  /** Network interface whose address Gloo binds when `device` is '' (e.g. `ib0`; the app passes `distributed.interface` or GLOO_SOCKET_IFNAME). */
  interface: string;
  /** Gloo worker threads. */
  threads: number;
  /** Gradients are packed into buckets of this many bytes, one allreduce each (PyTorch DDP: 25 MiB). */
  bucketBytes: number;
  /** Addon path override (tests). */
  addonPath?: string;
}

/** One process, loopback TCPStore on port 29500, 5-minute timeout, 25 MiB buckets. */
export const DEFAULT_PROCESS_GROUP_OPTIONS: ProcessGroupOptions = {
  rank: 0, worldSize: 1, store: 'tcp', masterAddr: '127.0.0.1', masterPort: 29500, filePath: '',
  timeoutMs: 300_000, rendezvousTimeoutMs: 0, device: '', interface: '', threads: 2, bucketBytes: 25 * 1024 * 1024,
};

/**
 * A torch.distributed (c10d) Gloo process group. Implements the trainer's `Collective`:
 * `allReduceMean`, `broadcast`, `barrier` on float32 buffers, in place. Collectives must be called
 * in the same order on every rank; each rejects with an error naming the operation when a peer
 * dies or the timeout passes.
 */
export class ProcessGroup {
  private handle: GroupHandle | null;
  private readonly nat: C10dBinding;

  private constructor(nat: C10dBinding, handle: GroupHandle, readonly options: ProcessGroupOptions, readonly bindAddress: BindAddress) {
    this.nat = nat;
    this.handle = handle;
  }

  /** This process' rank in [0, worldSize). */
  get rank(): number { return this.options.rank; }
  /** Number of processes. */
  get worldSize(): number { return this.options.worldSize; }

  /** Rendezvous with the other ranks (blocks until all arrived or the timeout passes). */
  static async connect(options: Partial<ProcessGroupOptions>): Promise<ProcessGroup> {
    const o: ProcessGroupOptions = { ...DEFAULT_PROCESS_GROUP_OPTIONS, ...options };
    if (!Number.isInteger(o.worldSize) || o.worldSize < 1) throw new RangeError(`worldSize must be an integer ≥ 1, got ${o.worldSize}`);
    if (!Number.isInteger(o.rank) || o.rank < 0 || o.rank >= o.worldSize) throw new RangeError(`rank must be an integer in [0, ${o.worldSize}), got ${o.rank}`);
    if (!(o.timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${o.timeoutMs}`);
    if (o.store === 'file' && !o.filePath) throw new Error('a FileStore rendezvous needs filePath (a file on a filesystem every rank sees)');
    const nat = loadC10d(o.addonPath);
    let bind: BindAddress;
    try {
      bind = o.device
        ? { address: o.device, interface: '', source: 'distributed.address', masterIp: o.masterAddr }
        : await chooseBindAddress({ masterAddr: o.masterAddr, interface: o.interface });
    } catch (e) {
      throw new Error(`rank ${o.rank}/${o.worldSize}: ${(e as Error).message}`);
    }
    const rendezvousMs = o.rendezvousTimeoutMs > 0 ? o.rendezvousTimeoutMs : o.timeoutMs;
    const where = o.store === 'file' ? `file ${o.filePath}` : `${o.masterAddr}:${o.masterPort}`;
    let handle: GroupHandle;
    try {
      handle = await nat.connect({
        store: o.store, host: o.masterAddr, port: o.masterPort, path: o.filePath, rank: o.rank, size: o.worldSize,
        timeoutMs: o.timeoutMs, rendezvousTimeoutMs: rendezvousMs, device: bind.address, threads: o.threads,
      });
    } catch (e) {
      throw new Error(`rank ${o.rank}/${o.worldSize}: rendezvous at ${where} failed within ${rendezvousMs / 1000} s: ${(e as Error).message}`);
    }
    return new ProcessGroup(nat, handle, o, bind);
  }

  private live(op: string): GroupHandle {
    if (!this.handle) throw new Error(`${op}: the process group was destroyed`);
    return this.handle;
  }

  private async run(op: string, p: () => Promise<void>): Promise<void> {
    try {
      await p();
    } catch (e) {
      throw new Error(`rank ${this.rank}/${this.worldSize}: ${op} failed (a rank died or did not answer within ${this.options.timeoutMs / 1000} s): ${(e as Error).message}`);
    }
  }

  /** Sums `buf` over ranks, in place. */
  allReduceSum(buf: Float32Array): Promise<void> {
    const h = this.live('allreduce');
    return this.run('allreduce', () => this.nat.allreduce(h, buf, 'sum'));
  }

  /** Element-wise maximum over ranks, in place. */
  allReduceMax(buf: Float32Array): Promise<void> {
    const h = this.live('allreduce');
    return this.run('allreduce', () => this.nat.allreduce(h, buf, 'max'));
  }

  /**
   * Averages every buffer over ranks, in place. Small buffers are packed into buckets of
   * `bucketBytes`; each bucket's allreduce starts as soon as it is packed, so packing the next one
   * overlaps with communication.
   */
  async allReduceMean(bufs: Float32Array[]): Promise<void> {
    if (this.worldSize === 1) return;
    await this.bucketed(bufs, (b) => this.allReduceSum(b));
    const inv = 1 / this.worldSize;
    for (const b of bufs) for (let i = 0; i < b.length; i++) b[i]! *= inv;
  }

  /** Copies every buffer from rank `root` to all ranks, in place (shapes must match). */
  async broadcast(bufs: Float32Array[], root = 0): Promise<void> {
    if (!Number.isInteger(root) || root < 0 || root >= this.worldSize) throw new RangeError(`broadcast root must be in [0, ${this.worldSize}), got ${root}`);
    if (this.worldSize === 1) return;
    const h = this.live('broadcast');
    await this.bucketed(bufs, (b) => this.run('broadcast', () => this.nat.broadcast(h, b, root)));
  }

  /** Waits until every rank reached the barrier. */
  barrier(): Promise<void> {
    const h = this.live('barrier');
    if (this.worldSize === 1) return Promise.resolve();
    return this.run('barrier', () => this.nat.barrier(h));
  }

  /** Releases the group (Gloo threads and connections). Safe to call twice. */
  destroy(): void {
    if (this.handle) this.nat.destroy(this.handle);
    this.handle = null;
  }

  private async bucketed(bufs: Float32Array[], op: (b: Float32Array) => Promise<void>): Promise<void> {
    const cap = Math.max(1, Math.floor(this.options.bucketBytes / 4));
    const pending: Promise<void>[] = [];
    let group: Float32Array[] = [];
    let n = 0;
    const flush = () => {
      if (!group.length) return;
      const parts = group;
      if (parts.length === 1) { pending.push(op(parts[0]!)); group = []; n = 0; return; }
      const flat = new Float32Array(n);
      let o = 0;
      for (const p of parts) { flat.set(p, o); o += p.length; }
      pending.push(op(flat).then(() => { let k = 0; for (const p of parts) { p.set(flat.subarray(k, k + p.length)); k += p.length; } }));
      group = []; n = 0;
    };
    for (const b of bufs) {
      if (n + b.length > cap) flush();
      group.push(b); n += b.length;
    }
    flush();
    const results = await Promise.allSettled(pending);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
