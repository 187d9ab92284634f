// A child rank for the process-group tests: `rank-script.ts <scenario>` with RANK/WORLD_SIZE/
// MASTER_ADDR/MASTER_PORT in the environment, and WL_TIMEOUT_MS, WL_STORE ('tcp' or 'file:/path'),
// WL_INTERFACE (an interface name) as test knobs; prints one JSON line per result.
import { distributedEnvFrom } from '../env.js';
import { ProcessGroup } from '../process-group.js';

const scenario = process.argv[2] ?? 'collectives';
const e = distributedEnvFrom(process.env);
const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
const store = process.env.WL_STORE ?? 'tcp';

try {
  const pg = await ProcessGroup.connect({
    rank: e.rank, worldSize: e.worldSize, masterAddr: e.masterAddr, masterPort: e.masterPort,
    store: store.startsWith('file:') ? 'file' : 'tcp', filePath: store.slice(5), interface: process.env.WL_INTERFACE ?? '',
    timeoutMs: Number(process.env.WL_TIMEOUT_MS ?? 20000), rendezvousTimeoutMs: 30000, bucketBytes: 64,
  });
  say({ rank: e.rank, bind: pg.bindAddress });
  if (scenario === 'collectives') {
    // Several small buffers (packed into 64-byte buckets) and one larger than a bucket.
    const bufs = [new Float32Array([e.rank + 1, -e.rank]), new Float32Array(40).fill(e.rank * 2), new Float32Array([0.5 * e.rank])];
    await pg.allReduceMean(bufs);
    const b = [new Float32Array(3).fill(e.rank === 1 ? 7 : -1), new Float32Array(50).fill(e.rank === 1 ? 3 : 0)];
    await pg.broadcast(b, 1);
    const m = new Float32Array([e.rank, 10 - e.rank]);
    await pg.allReduceMax(m);
    await pg.barrier();
    say({ rank: e.rank, mean: bufs.map((x) => Array.from(x)), bcast: b.map((x) => Array.from(x)), max: Array.from(m) });
  } else if (scenario === 'die') {
    await pg.barrier();
    if (e.rank === 1) process.exit(3);
    const t0 = Date.now();
    try {
      await pg.allReduceMean([new Float32Array(8)]);
      say({ rank: e.rank, error: null });
    } catch (err) {
      say({ rank: e.rank, error: (err as Error).message, ms: Date.now() - t0 });
    }
  } else if (scenario === 'stall') {
    await pg.barrier();
    if (e.rank === 1) { await new Promise((r) => setTimeout(r, 6000)); process.exit(0); }
    const t0 = Date.now();
    try {
      await pg.allReduceMean([new Float32Array(8)]);
      say({ rank: e.rank, error: null });
    } catch (err) {
      say({ rank: e.rank, error: (err as Error).message, ms: Date.now() - t0 });
    }
    process.exit(0);
  } else if (scenario === 'loop') {
    // All-reduce every 50 ms until a collective fails (a test takes a host's link down meanwhile).
    let t0 = Date.now();
    for (let step = 0; step < 2000; step++) {
      t0 = Date.now();
      try {
        const b = new Float32Array([1]);
        await pg.allReduceMean([b]);
      } catch (err) {
        say({ rank: e.rank, error: (err as Error).message, ms: Date.now() - t0, step });
        process.exit(1);
      }
      if (step % 10 === 0) say({ rank: e.rank, step });
      await new Promise((r) => setTimeout(r, 50));
    }
    say({ rank: e.rank, error: null });
    process.exit(0);
  }
  pg.destroy();
} catch (err) {
  say({ rank: e.rank, fatal: (err as Error).message });
  process.exit(1);
}
