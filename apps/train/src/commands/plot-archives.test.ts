import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir, SHARED_MISSING, SOUTHERN_SYNTHETIC_RADARS, syntheticRadar, writeSyntheticFitacfFiles, writeSyntheticGridFile } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { registerPlot } from './plot.js';
import { runCommand } from '../testing/run-command.js';

const run = (args: string[]) => runCommand(registerPlot, args);
const fixtures = sharedDir('fixtures/superdarn');
function needFixtures(t: TestContext): boolean {
  if (fixtures) return true;
  if (process.env.CI === 'true') assert.fail(SHARED_MISSING);
  t.skip(SHARED_MISSING);
  return false;
}

test('plots refuse unsuitable input by name: RAWACF in rtp/fan (even named .fitacf), GRID in convection', async (t) => {
  if (!needFixtures(t)) return;
  await withTempDir(async (dir) => {
    const raw = join(fixtures!, 'dmap_test.rawacf.bz2');
    const disguised = join(dir, '20221107.1801.00.inv.fitacf.bz2');
    copyFileSync(raw, disguised);
    for (const kind of ['rtp', 'fan']) {
      for (const f of [raw, disguised]) {
        const r = await run(['plot', kind, f, '-o', join(dir, 'x.svg')]);
        assert.equal(r.code, 1, `${kind} of ${f} must fail (it used to draw an empty plot)`);
        assert.match(r.err.join('\n'), /RAWACF has no fitted velocities; use FITACF/);
      }
    }
    const conv = await run(['plot', 'convection', join(fixtures!, 'dmap_test.grid'), '-o', join(dir, 'c.svg')]);
    assert.equal(conv.code, 1);
    assert.match(conv.err.join('\n'), /GRID file, but a MAP \(convection map/);
    const grid = await run(['plot', 'grid', join(fixtures!, 'dmap_test.fitacf'), '-o', join(dir, 'g.svg')]);
    assert.equal(grid.code, 1);
    assert.match(grid.err.join('\n'), /FITACF file, but GRID\/MAP vectors are needed/);
  });
});

test('plot fan of a southern FITACF (McMurdo) draws a south-polar grid; --hardware FILE places an unknown radar', async () => {
  await withTempDir(async (dir) => {
    const [mcm] = await writeSyntheticFitacfFiles(join(dir, 'mcm'), { radars: ['mcm'], minutes: 2 });
    const r = await run(['plot', 'fan', mcm!, '-o', join(dir, 'fan.svg')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const svg = readFileSync(join(dir, 'fan.svg'), 'utf8');
    assert.match(svg, />-70°</, 'latitude circles are labelled as southern latitudes');
    assert.doesNotMatch(svg, />70°</);
    const fake = { ...syntheticRadar('mcm'), stid: 251, code: 'zzy' };
    const [f] = await writeSyntheticFitacfFiles(join(dir, 'fake'), { radars: [fake], minutes: 2 });
    const no = await run(['plot', 'fan', f!, '-o', join(dir, 'x.svg')]);
    assert.equal(no.code, 1);
    assert.match(no.err.join('\n'), /no hardware entry for radar 251/);
    writeFileSync(join(dir, 'hdw.dat.zzy'), ' 251  1 20000101 00:00:00  -77.880  166.730  300.0  263.4  0.00  3.24  1  1  0.0  0.0  0.0  0.0  0.0  0.0  10 2  75 16\n');
    const yes = await run(['plot', 'fan', f!, '--hardware', join(dir, 'hdw.dat.zzy'), '-o', join(dir, 'y.svg')]);
    assert.equal(yes.code, 0, yes.err.join('\n'));
  });
});

test('plot grid of a southern GRID file draws a south-polar magnetic frame', async () => {
  await withTempDir(async (dir) => {
    const grid = await writeSyntheticGridFile(join(dir, 'g'), { hours: 1, radars: SOUTHERN_SYNTHETIC_RADARS });
    const g = await run(['plot', 'grid', grid, '-o', join(dir, 'g.svg')]);
    assert.equal(g.code, 0, g.err.join('\n'));
    assert.match(readFileSync(join(dir, 'g.svg'), 'utf8'), />-70°</);
  });
});
