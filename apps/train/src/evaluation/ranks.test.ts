import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeRotatingDataset } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import type { Collective } from '@weatherlearn/trainer';
import { openEvalData } from './data.js';
import { evaluateForecasts, type EvaluateOptions } from './run-eval.js';
import { rankShare } from './ranks.js';

/** W in-process ranks whose broadcast waits for all of them (the contract of a real process group). */
function fakeGroup(W: number): Collective[] {
  let pending: { root: number; bufs: Float32Array[][]; waiters: (() => void)[] } | undefined;
  return Array.from({ length: W }, (_, rank) => ({
    rank, worldSize: W,
    allReduceMean: () => Promise.reject(new Error('not used')),
    barrier: () => Promise.resolve(),
    broadcast(buffers: Float32Array[], root: number) {
      pending ??= { root, bufs: [], waiters: [] };
      const p = pending;
      p.bufs[rank] = buffers;
      return new Promise<void>((res) => {
        p.waiters.push(res);
        if (p.waiters.length === W) {
          pending = undefined;
          p.bufs.forEach((b) => b.forEach((buf, i) => buf.set(p.bufs[p.root]![i]!)));
          p.waiters.forEach((w) => w());
        }
      });
    },
  }));
}

test('rankShare splits without overlap', () => {
  assert.deepEqual([0, 1, 2].map((r) => rankShare([10, 11, 12, 13, 14, 15, 16], r, 3)), [[10, 13, 16], [11, 14], [12, 15]]);
});

test('two ranks scoring their shares and reducing give the one-process scorecard', async () => {
  await withTempDir(async (tmp) => {
    const d = await openEvalData(await writeRotatingDataset(join(tmp, 'ds'), { frames: 60 }));
    try {
      const base: EvaluateOptions = { data: d, models: [], split: 'test', leads: 3, baselines: ['persistence', 'climatology'], hourOfDay: false, latitudeWeighting: true, batchSize: 2, maxInits: 0 };
      const one = await evaluateForecasts(base);
      const [a, b] = await Promise.all(fakeGroup(2).map((collective) => evaluateForecasts({ ...base, collective })));
      assert.deepEqual(a!.rows, b!.rows, 'every rank ends with the same totals');
      assert.equal(a!.metadata.ranks, 2);
      assert.equal(a!.rows.length, one.rows.length);
      one.rows.forEach((r, i) => {
        const q = a!.rows[i]!;
        assert.equal(q.cases, r.cases);
        assert.equal(q.coverage, r.coverage);
        for (const k of ['rmse', 'mae', 'bias', 'acc', 'skill_vs_climatology'] as const) assert.ok(Math.abs(q[k]! - r[k]!) <= 1e-9 * Math.max(1, Math.abs(r[k]!)), `${r.model} ${r.lead} ${r.channel} ${k}: ${q[k]} vs ${r[k]}`);
        if (r.model === 'persistence') assert.equal(q.skill_vs_persistence, 0);
      });
    } finally { await d.close(); }
  });
});
