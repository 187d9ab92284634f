// "Normalisation statistics come from the training split only": two datasets whose training hours
// hold the same files but whose validation/test hours hold different data must get identical
// statistics, while statistics over every frame would differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeSyntheticGridFile } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { DatasetFromDirectory } from './directory.js';
import { StatsAccumulator } from '../normalize.js';
import { splitOfTime } from '../split.js';

const grid = { gridSize: 24, windowMinutes: 10 };
const split = { train: 0.5, val: 0.25, test: 0.25, blockMinutes: 60 };
const day = Date.UTC(2014, 0, 1);

/** 12 one-hour files; hours outside the training split get `otherSeed` (so different values). */
async function writeHours(dir: string, otherSeed: number): Promise<void> {
  for (let h = 0; h < 12; h++) {
    const start = day + h * 3_600_000;
    const seed = splitOfTime(start, split) === 'train' ? 100 + h : otherSeed + h;
    await writeSyntheticGridFile(join(dir, `h${String(h).padStart(2, '0')}`), { seed, start, hours: 1 });
  }
}

test('normalisation statistics ignore the validation and test samples (training split only)', { timeout: 120_000 }, async () => {
  await withTempDir(async (tmp) => {
    await writeHours(join(tmp, 'a'), 500);
    await writeHours(join(tmp, 'b'), 900);
    const open = (d: string) => DatasetFromDirectory.open(join(tmp, d), { grid, timeStep: 1, split, statsMaxFrames: 10_000 });
    const [a, b] = [await open('a'), await open('b')];
    assert.ok(a.splits.train.length > 0 && a.splits.val.length > 0 && a.splits.test.length > 0, 'all three splits hold samples');
    for (const f of a.statsFrameIds()) assert.equal(splitOfTime(a.frames[f]!.time, split), 'train', `stats frame ${f} is a training frame`);
    const [sa, sb] = [await a.computeStats(), await b.computeStats()];
    assert.deepEqual(sb, sa, 'different val/test data must not change the statistics');
    // The test can fail: the same statistics over every frame (val/test included) differ.
    const all = new StatsAccumulator(a.config.channels);
    for (let f = 0; f < a.frames.length; f++) all.add(await a.frame(f));
    assert.notDeepEqual(all.result().mean, sa.mean, 'val/test frames would shift the mean');
    // …and the normalised training samples of both datasets are the same.
    const i = a.splits.train[0]!;
    assert.deepEqual(Array.from((await b.get(i)).x), Array.from((await a.get(i)).x));
  });
});
