import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetFromPresaved, POLAR_CHANNELS, CONVMAP_SCALARS } from '@weatherlearn/superdarn';
import { registerSuperdarn } from './superdarn.js';
import { runCommand } from '../testing/run-command.js';

// Issue 23: `weatherlearn superdarn grid --method polar` on the real MAP fixture, read back for training.
const SD = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', '..', 'shared', 'fixtures', 'superdarn');
function needFixtures(t: TestContext): boolean {
  if (existsSync(SD)) return true;
  if (process.env.CI === 'true') assert.fail(`needs ${SD} (real SuperDARN fixtures)`);
  t.skip(`needs ${SD} (real SuperDARN fixtures beside the repository)`);
  return false;
}

test('superdarn grid --method polar writes the six-channel dataset with its conditioning scalars; readers normalise them', async (t) => {
  if (!needFixtures(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-polar-'));
  try {
    const out = join(dir, 'ds');
    const r = await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', join(SD, 'dmap_test.map'), '--out', out,
      '--method', 'polar', '--grid-size', '32', '--polar-radius', '35', '--window-minutes', '2', '--split', '1,0,0']);
    assert.equal(r.code, 0, r.err.join('\n'));
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    assert.deepEqual(index.sampleShape, [6, 32, 32]);
    assert.equal(index.config.method, 'polar');
    assert.equal(index.config.polarRadiusDeg, 35);
    assert.deepEqual(index.config.channels, [...POLAR_CHANNELS]);
    assert.deepEqual(index.scalars.names, [...CONVMAP_SCALARS]);
    assert.equal(index.frames.length, 2);
    for (const f of index.frames) assert.equal(f.scalars.length, 7);
    assert.ok(Math.abs(index.frames[0].scalars[5] - 19779.85) < 0.1, 'pot.drop of the first record');
    assert.equal(index.stats.mean[4], 0, 'occupancy is a mask: not normalised');
    const ds = await DatasetFromPresaved.open(out);
    try {
      const s = await ds.get(0);
      const st = index.scalars;
      assert.equal(s.cond!.length, 7);
      assert.ok(Math.abs(s.cond![5]! - (index.frames[0].scalars[5] - st.mean[5]) / st.std[5]) < 1e-3);
      for await (const b of ds.batches('train', { batchSize: 1 })) assert.deepEqual(b.cond!.shape, [1, 7]);
    } finally { await ds.close(); }
    // A GRID file (no fit) among the inputs is skipped and listed, not an error mid-gridding.
    const out2 = join(dir, 'ds2');
    const r2 = await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', join(SD, 'dmap_test.map'), join(SD, 'dmap_test.grid'), '--out', out2,
      '--method', 'polar', '--grid-size', '16', '--window-minutes', '2', '--split', '1,0,0']);
    assert.equal(r2.code, 0, r2.err.join('\n'));
    const skipped = JSON.parse(readFileSync(join(out2, 'skipped.json'), 'utf8'));
    assert.match(JSON.stringify(skipped), /dmap_test\.grid.*MAP \(convection map/);
    const help = await runCommand(registerSuperdarn, ['superdarn', 'grid', '--help']);
    assert.match(help.out.join('\n'), /--method polar/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
