import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir, SHARED_MISSING, withTempDir } from '@weatherlearn/testkit';
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
