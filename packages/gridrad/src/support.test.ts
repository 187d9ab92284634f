import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTempDir } from '@weatherlearn/test-parts';
import { atomicTempTarget, writeFileAtomic } from '@weatherlearn/fs-atomic';
import { discoverInputs, globToRegExp, splitGlob } from './discover.js';
import { parseShard, selectShard } from './shard.js';
import { CheckpointWriter, readCheckpoint } from './checkpoint.js';
import { removeStaleTempFiles } from './temp-files.js';

test('globToRegExp / splitGlob', () => {
  assert.ok(globToRegExp('**/*.nc').test('a/b/c.nc'));
  assert.ok(globToRegExp('**/*.nc').test('c.nc'));
  assert.ok(!globToRegExp('*.nc').test('a/c.nc'));
  assert.ok(globToRegExp('2021??/*_{0420,0430}.nc').test('202107/x_0430.nc'));
  assert.ok(!globToRegExp('2021??/*_{0420,0430}.nc').test('202107/x_0440.nc'));
  assert.ok(globToRegExp('[ab]*.nc').test('b1.nc') && !globToRegExp('[!ab]*.nc').test('b1.nc'));
  assert.deepEqual(splitGlob('/data/GridRad/**/*.nc'), { base: '/data/GridRad', rest: '**/*.nc' });
  assert.deepEqual(splitGlob('*.nc'), { base: '.', rest: '*.nc' });
});

test('discoverInputs walks a tree or a glob, sorted, skipping temp files', async () => {
  await withTempDir(async (dir) => {
    for (const f of ['b/2.nc', 'a/1.nc', 'a/x.txt', 'top.nc', 'a/.1.nc.12.deadbeef.tmp']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), 'x');
    }
    assert.deepEqual((await discoverInputs(dir)).map((f) => f.key), ['a/1.nc', 'b/2.nc', 'top.nc']);
    assert.deepEqual((await discoverInputs(`${dir}/*/*.nc`)).map((f) => f.key), ['a/1.nc', 'b/2.nc']);
    assert.deepEqual((await discoverInputs(`${dir}/**/*.nc`)).map((f) => f.path), [join(dir, 'a/1.nc'), join(dir, 'b/2.nc'), join(dir, 'top.nc')]);
    await assert.rejects(discoverInputs(join(dir, 'missing')), /input .*missing does not exist/);
  });
});

test('parseShard / selectShard: shards partition the list', () => {
  assert.deepEqual(parseShard('1/3'), { index: 1, count: 3 });
  assert.throws(() => parseShard('3/3'), /0 ≤ i < n/);
  assert.throws(() => parseShard('a/b'), /expected i\/n/);
  const items = Array.from({ length: 10 }, (_, i) => i);
  const parts = [0, 1, 2].map((i) => selectShard(items, { index: i, count: 3 }));
  assert.deepEqual(parts.flat().sort((a, b) => a - b), items);
  assert.deepEqual(parts[1], [1, 4, 7]);
});

test('checkpoint: append-only lines, torn last line ignored and terminated', () => {
  return withTempDir((dir) => {
    const p = join(dir, 'sub', 'ck.txt');
    assert.deepEqual(readCheckpoint(p), []);
    const w = new CheckpointWriter(p);
    w.append(['a']); w.append(['b', 'c']); w.close();
    assert.deepEqual(readCheckpoint(p), ['a', 'b', 'c']);
    appendFileSync(p, 'tor');
    assert.deepEqual(readCheckpoint(p), ['a', 'b', 'c']);
    const w2 = new CheckpointWriter(p);
    w2.append(['d']); w2.close();
    assert.equal(readFileSync(p, 'utf8'), 'a\nb\nc\ntor\nd\n');
    assert.throws(() => new CheckpointWriter(p).append(['x\ny']), /newline/);
  });
});

test('removeStaleTempFiles removes only temp files of the given targets', async () => {
  await withTempDir(async (dir) => {
    assert.equal(atomicTempTarget('.a.npz.123.0badf00d.tmp'), 'a.npz');
    assert.equal(atomicTempTarget('a.npz'), undefined);
    writeFileSync(join(dir, '.a.npz.123.0badf00d.tmp'), 'x');
    writeFileSync(join(dir, '.b.npz.123.0badf00d.tmp'), 'x');
    await writeFileAtomic(join(dir, 'a.npz'), 'ok');
    const removed = await removeStaleTempFiles([join(dir, 'a.npz'), join(dir, 'nope', 'c.npz')]);
    assert.deepEqual(removed, [join(dir, '.a.npz.123.0badf00d.tmp')]);
    assert.ok(existsSync(join(dir, '.b.npz.123.0badf00d.tmp')) && existsSync(join(dir, 'a.npz')));
  });
});
