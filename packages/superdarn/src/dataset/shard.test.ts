import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSyntheticGridFile } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { DatasetFromDirectory } from './directory.js';
import { writeGridDataset, type PresavedIndex } from './presave.js';
import { mergeGridDatasetShards, parseShard, shardFiles, writeGridDatasetShard } from './shard.js';
import type { SeriesDatasetOptions } from './series.js';

const opts: Partial<SeriesDatasetOptions> = {
  grid: { gridSize: 24, windowMinutes: 10, channels: ['vel.median', 'vel.sd', 'count'] },
  split: { train: 0.6, val: 0.2, test: 0.2, blockMinutes: 30 }, timeStep: 2, statsMaxFrames: 7,
};

async function sameFolder(a: string, b: string): Promise<string[]> {
  const names = (await readdir(a)).sort();
  assert.deepEqual((await readdir(b)).sort(), names, 'same files');
  for (const n of names) assert.ok((await readFile(join(a, n))).equals(await readFile(join(b, n))), `${n} differs`);
  return names;
}

test('3 shards + merge give byte-identical index.json and safetensors files to one unsharded run', async () => {
  await withTempDir(async (dir) => {
    await writeSyntheticGridFile(join(dir, 'in'), { seed: 7, start: Date.UTC(2014, 0, 1, 22), hours: 3 });
    await writeSyntheticGridFile(join(dir, 'in'), { seed: 8, start: Date.UTC(2014, 0, 2, 1), hours: 2, kind: 'map' });
    const one = await DatasetFromDirectory.open(join(dir, 'in'), opts);
    const index = await writeGridDataset(one, join(dir, 'one'), { shardSize: 4 });
    // Statistics still equal the dataset's own (computed by gridding the frames again).
    assert.deepEqual(index.stats, await one.computeStats());
    assert.ok(index.shards.length >= 6, `${index.shards.length} files`);

    const out = join(dir, 'sharded');
    const run = async (i: number) => writeGridDatasetShard(await DatasetFromDirectory.open(join(dir, 'in'), opts), out, { index: i, count: 3 }, { shardSize: 4 });
    const r2 = await run(2);
    const r0 = await run(0);
    assert.equal(r2.merged, undefined);
    assert.equal(r0.merged, undefined);
    assert.ok(!existsSync(join(out, 'index.json')));
    await assert.rejects(mergeGridDatasetShards(out), (e: Error) => /missing shard\(s\) 1\/3 .*1-of-3\.json.*--shard 1\/3/.test(e.message));
    const r1 = await run(1); // the last to finish merges
    assert.deepEqual([...r0.files, ...r1.files, ...r2.files], index.shards.map((_, j) => j));
    assert.ok(Math.max(r0.frames, r1.frames, r2.frames) - Math.min(r0.frames, r1.frames, r2.frames) <= 4, 'balanced');
    assert.deepEqual(r1.merged, index);
    const names = await sameFolder(join(dir, 'one'), out);
    assert.ok(!names.includes('.shards'));
    assert.equal(names.filter((n) => n.endsWith('.safetensors')).length, index.shards.length);
  });
});

test('explicit merge; a shard run with other options, stale markers and bad --shard text give clear errors', async () => {
  await withTempDir(async (dir) => {
    await writeSyntheticGridFile(join(dir, 'in'), { seed: 3, hours: 2 });
    const ds = await DatasetFromDirectory.open(join(dir, 'in'), opts);
    const out = join(dir, 'out');
    await writeGridDatasetShard(ds, out, { index: 0, count: 2 }, { shardSize: 3, merge: false });
    await writeGridDatasetShard(ds, out, { index: 1, count: 2 }, { shardSize: 3, merge: false });
    assert.ok(!existsSync(join(out, 'index.json')));
    const merged = await mergeGridDatasetShards(out);
    await writeGridDataset(ds, join(dir, 'one'), { shardSize: 3 });
    await sameFolder(join(dir, 'one'), out);
    assert.deepEqual(merged, JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as PresavedIndex);
    await assert.rejects(mergeGridDatasetShards(out), /no shard markers in .*\.shards/);

    const other = await DatasetFromDirectory.open(join(dir, 'in'), { ...opts, grid: { ...opts.grid, gridSize: 16 } });
    const bad = join(dir, 'bad');
    await writeGridDatasetShard(ds, bad, { index: 0, count: 2 }, { shardSize: 3 });
    await assert.rejects(writeGridDatasetShard(other, bad, { index: 1, count: 2 }, { shardSize: 3 }), /1-of-2\.json: shard 1\/2 was run with other inputs or options than shard 0\/2/);
    await writeGridDatasetShard(ds, bad, { index: 0, count: 3 }, { shardSize: 3, merge: false });
    await assert.rejects(mergeGridDatasetShards(bad), /markers of runs with 2 and 3 shards/);
    await assert.rejects(mergeGridDatasetShards(bad, { count: 3 }), /missing shard\(s\) 1\/3, 2\/3/);
  });
  assert.deepEqual(parseShard(' 2/5 '), { index: 2, count: 5 });
  assert.throws(() => parseShard('5/5'), /invalid shard '5\/5': need 0 ≤ i < n/);
  assert.throws(() => parseShard('1-4'), /invalid shard '1-4': expected i\/n/);
  assert.throws(() => parseShard('0/0'), /need 0 ≤ i < n and n ≥ 1/);
  const parts = [0, 1, 2].map((index) => shardFiles(10, { index, count: 3 }));
  assert.deepEqual(parts.map((p) => p.length), [3, 3, 4]);
  assert.deepEqual(parts.flat(), [...Array(10).keys()]);
  assert.deepEqual([0, 1, 2, 3].map((index) => shardFiles(2, { index, count: 4 })), [[], [0], [], [1]]); // more tasks than files: some idle
});
