import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSafetensors } from '@weatherlearn/tensor-io';
import { writeSyntheticGridFile, writeSyntheticFitacfFiles } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { DatasetFromDirectory } from './directory.js';
import { writeGridDataset, type PresavedIndex } from './presave.js';
import { DatasetFromPresaved } from './presaved.js';
import { splitOfTime } from '../split.js';

const grid = { gridSize: 32, windowMinutes: 10 };

test('DatasetFromDirectory: aligned 10-min windows from two days of GRID files, pairs T windows apart, split by time blocks, batches', async () => {
  await withTempDir(async (dir) => {
    await writeSyntheticGridFile(dir, { seed: 1, start: Date.UTC(2014, 0, 1), hours: 24 });
    await writeSyntheticGridFile(join(dir, 'sub'), { seed: 2, start: Date.UTC(2014, 0, 2), hours: 24, kind: 'map' });
    await writeFile(join(dir, 'notes.txt'), 'not a radar file');
    // 1-hour blocks in a 20-slot pattern: hour-of-epoch mod 20 < 10 → train, else val. 2014-01-01 00 UT is
    // slot 4, so 00–05 UT train, 06–15 val, 16–01 train, … : 5 split changes in these 48 hours.
    const split = { train: 0.5, val: 0.5, test: 0, blockMinutes: 60 };
    const ds = await DatasetFromDirectory.open(dir, { grid, timeStep: 3, split, statsMaxFrames: 20 });
    assert.equal(ds.keys.length, 2);
    assert.equal(ds.frames.length, 288); // 2 days × 144 windows, each holding five 2-min records
    assert.equal(ds.frames[1].time - ds.frames[0].time, 600_000);
    assert.equal(ds.length, 288 - 3);
    assert.equal(ds.frames[ds.pairs[0][1]].time - ds.frames[ds.pairs[0][0]].time, 30 * 60_000);
    assert.equal(splitOfTime(Date.UTC(2014, 0, 1, 5, 59), split), 'train');
    assert.equal(splitOfTime(Date.UTC(2014, 0, 1, 6, 0), split), 'val');
    // A sample spans 40 min (input window + target 30 min later): the 3 starting 30, 20, 10 min before a change are dropped.
    assert.equal(ds.droppedAtSplit, 5 * 3);
    assert.equal(ds.splits.train.length + ds.splits.val.length + ds.droppedAtSplit, ds.length);
    for (const name of ['train', 'val'] as const) {
      for (const i of ds.splits[name]) {
        const [x, y] = ds.pairs[i];
        assert.equal(splitOfTime(ds.frames[x].time, split), name);
        assert.equal(splitOfTime(ds.frames[y].time + 599_999, split), name); // the target never leaks into another split
      }
    }
    const s = await ds.get(0);
    assert.deepEqual(ds.sampleShape, [6, 32, 32]);
    assert.equal(s.x.length, 6 * 32 * 32);
    assert.ok(s.x.every(Number.isFinite) && s.y.every(Number.isFinite));
    assert.notDeepEqual(s.x, s.y);
    const seen: number[] = [];
    for await (const b of ds.batches('train', { batchSize: 16, shuffle: true, seed: 5, prefetch: 2 })) {
      assert.deepEqual(b.x.shape.slice(1), [6, 32, 32]);
      seen.push(...b.indices);
    }
    assert.deepEqual([...seen].sort((a, b) => a - b), ds.splits.train);
    const again: number[] = [];
    for await (const b of ds.batches('train', { batchSize: 16, shuffle: true, seed: 5 })) again.push(...b.indices);
    assert.deepEqual(again, seen);
  });
});

test('presave → DatasetFromPresaved round trip: index.json + safetensors shards of (C, H, W) float32 frames', async () => {
  await withTempDir(async (dir) => {
    await writeSyntheticGridFile(join(dir, 'in'), { seed: 4, hours: 3 });
    const ds = await DatasetFromDirectory.open(join(dir, 'in'), { grid: { ...grid, channels: ['vel.median', 'count'] }, split: { train: 0.7, val: 0.2, test: 0.1, blockMinutes: 30 } });
    const out = join(dir, 'out');
    const index = await writeGridDataset(ds, out, { shardSize: 5 });
    const saved = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as PresavedIndex;
    assert.deepEqual(saved.sampleShape, [2, 32, 32]);
    assert.equal(saved.shards.length, Math.ceil(saved.frames.length / 5));
    assert.equal(saved.samples.length, ds.splits.train.length + ds.splits.val.length + ds.splits.test.length);
    const shard0 = readSafetensors(new Uint8Array(await readFile(join(out, saved.shards[0].file))));
    assert.deepEqual(shard0[saved.frames[0].name].shape, [2, 32, 32]);
    assert.equal(shard0[saved.frames[0].name].dtype, 'float32');
    const pre = await DatasetFromPresaved.open(out);
    try {
      assert.equal(pre.length, index.samples.length);
      for (const sp of ['train', 'val', 'test'] as const) assert.equal(pre.splits[sp].length, ds.splits[sp].length);
      const a = await pre.get(0);
      const b = await ds.get(ds.splits.train[0]);
      assert.deepEqual(a.x, b.x);
      assert.deepEqual(a.y, b.y);
      assert.equal(a.time, b.time);
      let n = 0;
      for await (const batch of pre.batches('val', { batchSize: 4 })) { n += batch.x.shape[0]; assert.deepEqual(batch.y.shape.slice(1), [2, 32, 32]); }
      assert.equal(n, pre.splits.val.length);
    } finally { await pre.close(); }
    await writeFile(join(out, 'index.json'), JSON.stringify({ ...saved, format: 'other' }));
    await assert.rejects(DatasetFromPresaved.open(out), /index\.json: field 'format'/);
    await assert.rejects(DatasetFromPresaved.open(join(dir, 'nope')), /not a readable dataset index/);
  });
});

test('FITACF-only users get tensors too: channels v/p_l/w_l select FITACF files, gridded in geographic coordinates', async () => {
  await withTempDir(async (dir) => {
    await writeSyntheticFitacfFiles(dir, { radars: ['sas', 'inv'], minutes: 30 });
    await writeSyntheticGridFile(dir, { hours: 1 }); // ignored by a FITACF config
    const ds = await DatasetFromDirectory.open(dir, { grid: { gridSize: 40, channels: ['v', 'p_l', 'w_l'], extent: { latMin: 45, latMax: 85, lonMin: -180, lonMax: -60 } }, split: { train: 1, val: 0, test: 0, blockMinutes: 1440 } });
    assert.equal(ds.keys.length, 3);
    assert.equal(ds.frames.length, 3);
    assert.equal(ds.length, 2);
    const f = await ds.frame(0);
    assert.equal(f.length, 3 * 40 * 40);
    assert.ok(f.some((v) => v !== 0) && f.every(Number.isFinite));
  });
});
