import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDmapFile } from '@weatherlearn/tensor-io';
import { DatasetFromDirectory, gridRecords, resolveGridConfig } from '../src/index.js';

// Issue 22 on real files: ../shared/fixtures/superdarn (public pyDARN / RST test files).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = join(resolve(repoRoot, '..', 'shared'), 'fixtures', 'superdarn');
function needFixtures(t: TestContext): boolean {
  if (existsSync(dir)) return true;
  if (process.env.CI === 'true') assert.fail(`needs ${dir} (real SuperDARN fixtures)`);
  t.skip(`needs ${dir} (real SuperDARN fixtures beside the repository)`);
  return false;
}

test('real GRID day (wal): default gridding is bounded by the input vectors; coverage marks observed pixels and is not normalised', async (t) => {
  if (!needFixtures(t)) return;
  const file = join(dir, 'wl_20090102.00.a.wal.grdmap.bz2');
  const recs = (await readDmapFile(file)).records;
  const c = resolveGridConfig({ gridSize: 120, windowMinutes: 10 });
  assert.deepEqual(c.channels, ['vel.median', 'vel.sd', 'kvect', 'stid', 'channel', 'coverage']);
  const P = 120 * 120;
  let worstSeed = 0;
  for (const k of [100, 345, 600]) {
    const window = recs.slice(k, k + 5); // 5 two-minute records = one 10-minute window
    let maxIn = 0;
    for (const r of window) for (const v of Array.from((r.array('vector.vel.median') ?? []) as ArrayLike<number>)) maxIn = Math.max(maxIn, Math.abs(v));
    const img = gridRecords(window, c);
    let maxOut = 0, covered = 0, empty = 0;
    for (let p = 0; p < P; p++) {
      maxOut = Math.max(maxOut, Math.abs(img[p]));
      const kv = img[2 * P + p];
      assert.ok(kv >= -180 && kv <= 180, `kvect ${kv} is an azimuth`);
      assert.ok(img[3 * P + p] === 0 || img[3 * P + p] === 32, `stid ${img[3 * P + p]} is Wallops' id or 0`);
      if (img[5 * P + p] > 0) covered++; else { empty++; assert.equal(img[p], 0); }
    }
    assert.ok(maxOut <= maxIn + 1e-3, `record ${k}: |vel| ${maxOut} > largest input ${maxIn}`);
    assert.ok(covered > 0 && empty > 0);
    const seed = gridRecords(window, resolveGridConfig({ ...c, accumulate: 'sum' }));
    for (let p = 0; p < P; p++) worstSeed = Math.max(worstSeed, Math.abs(seed[p]) / Math.max(1, maxIn));
  }
  assert.ok(worstSeed > 1, 'the seed --accumulate sum exceeds the input range (what this default fixes)');

  const ds = await DatasetFromDirectory.open([file], { grid: { gridSize: 60 }, statsMaxFrames: 8 });
  const st = await ds.computeStats();
  assert.deepEqual([st.mean[5], st.std[5]], [0, 1], 'coverage passes through normalisation');
  let observed = 0;
  for (const i of ds.splits.train.slice(0, 10)) {
    const s = await ds.get(i);
    const raw = await ds.frame(ds.pairs[i]![0]);
    const cov = s.x.subarray(5 * 3600, 6 * 3600);
    assert.deepEqual(cov, raw.subarray(5 * 3600, 6 * 3600), 'normalised coverage = raw coverage');
    if (cov.some((v) => v > 0)) observed++;
  }
  assert.ok(observed > 0);
});
