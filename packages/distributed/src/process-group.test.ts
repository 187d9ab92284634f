import { test } from 'node:test';
import assert from 'node:assert/strict';
import { c10dUnavailableReason } from './native.js';
import { ProcessGroup } from './process-group.js';
import { spawnRanks } from './testing/spawn-ranks.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const notBuilt = c10dUnavailableReason();
const skip = requirePart('c10d', notBuilt);

test('2 ranks over loopback: bucketed mean, broadcast from rank 1, max, barrier', { skip, timeout: 60_000 }, async () => {
  const rs = await spawnRanks(2, 'collectives');
  for (const r of rs) assert.equal(r.code, 0, r.stderr);
  for (const r of rs) {
    const line = r.lines.find((l) => 'mean' in l) as { mean: number[][]; bcast: number[][]; max: number[] };
    assert.deepEqual(line.mean, [[1.5, -0.5], new Array(40).fill(1), [0.25]]);
    assert.deepEqual(line.bcast, [[7, 7, 7], new Array(50).fill(3)]);
    assert.deepEqual(line.max, [1, 10]);
  }
});

test('a rank that dies makes the other fail with a clear error, not a hang', { skip, timeout: 60_000 }, async () => {
  const [r0, r1] = await spawnRanks(2, 'die', { WL_TIMEOUT_MS: '10000' });
  assert.equal(r1!.code, 3);
  const l = r0!.lines.find((x) => 'error' in x) as { error: string | null; ms: number };
  assert.match(String(l.error), /rank 0\/2: allreduce failed/);
  assert.ok(l.ms < 10_000, `took ${l.ms} ms`);
});

test('a rank that stops answering makes the other fail after the timeout', { skip, timeout: 60_000 }, async () => {
  const rs = await spawnRanks(2, 'stall', { WL_TIMEOUT_MS: '1500' });
  const l = rs[0]!.lines.find((x) => 'error' in x) as { error: string | null; ms: number };
  assert.match(String(l?.error), /allreduce failed .*1\.5 s/, JSON.stringify(rs.map((r) => [r.code, r.lines, r.stderr.slice(-500)])));
  assert.ok(l.ms >= 1000 && l.ms < 15_000, `took ${l.ms} ms`);
});

test('connect validates options before touching the network', { skip }, async () => {
  await assert.rejects(ProcessGroup.connect({ rank: 2, worldSize: 2 }), /rank must be an integer in \[0, 2\)/);
  await assert.rejects(ProcessGroup.connect({ store: 'file', worldSize: 1 }), /FileStore rendezvous needs filePath/);
});

test('a rendezvous nobody joins times out with the address in the error', { skip, timeout: 30_000 }, async () => {
  await assert.rejects(ProcessGroup.connect({ rank: 1, worldSize: 2, masterPort: 1, timeoutMs: 1000 }), /rank 1\/2: rendezvous at 127\.0\.0\.1:1 failed within 1 s/);
});

test('world size 1 needs no peers', { skip }, async () => {
  const pg = await ProcessGroup.connect({ store: 'file', filePath: `/tmp/wl-c10d-${process.pid}`, worldSize: 1, rank: 0 });
  const b = new Float32Array([1, 2]);
  await pg.allReduceMean([b]);
  await pg.barrier();
  assert.deepEqual(Array.from(b), [1, 2]);
  pg.destroy();
  pg.destroy();
  await assert.rejects(async () => pg.barrier(), /destroyed/);
});
