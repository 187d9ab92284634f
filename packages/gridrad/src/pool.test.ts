import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool, mapLimit } from './pool.js';

test('WorkerPool runs jobs on worker threads, survives failing and crashing jobs', async () => {
  const pool = new WorkerPool(2);
  try {
    const t0 = Date.now();
    const r = await Promise.all([pool.run({ type: 'sleep', ms: 300 }), pool.run({ type: 'sleep', ms: 300 })]);
    assert.deepEqual(r, [{ slept: 300 }, { slept: 300 }]);
    await assert.rejects(pool.run({ type: 'sleep', ms: 1, fail: 'boom' }), /boom/);
    await assert.rejects(pool.run({ type: 'sleep', ms: 1, crash: true }), /worker exited with code 3/);
    assert.deepEqual(await pool.run({ type: 'sleep', ms: 5 }), { slept: 5 });
    const m = pool.memory();
    assert.ok(m.peakPerWorker.length >= 2 && m.peakRss > 0);
    assert.ok(Date.now() - t0 < 60000);
  } finally { await pool.close(); }
  await assert.rejects(pool.run({ type: 'sleep', ms: 1 }), /pool is closed/);
  assert.throws(() => new WorkerPool(-1), /worker count/);
});

test('mapLimit keeps at most `limit` jobs in flight and reports each result', async () => {
  let inFlight = 0, max = 0;
  const seen: number[] = [];
  await mapLimit([1, 2, 3, 4, 5], 2, async (i) => {
    inFlight++; max = Math.max(max, inFlight);
    await new Promise((r) => setTimeout(r, 10 * (6 - i)));
    inFlight--;
    return i * 10;
  }, (r) => { seen.push(r); });
  assert.equal(max, 2);
  assert.deepEqual(seen.sort((a, b) => a - b), [10, 20, 30, 40, 50]);
});
