import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetFromPresaved, normalizeScalars, POLAR_CHANNELS, CONVMAP_SCALARS } from '@weatherlearn/superdarn';
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
    assert.match(help.out.join('\n'), /--polar-orient[\s\S]*--scalar-std-floor[\s\S]*--scalar-clip/);
    // The original's options: MLT orientation, scalar std floored at 1 and normalised scalars clipped.
    const out3 = join(dir, 'ds3');
    const r3 = await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', join(SD, 'dmap_test.map'), '--out', out3, '--method', 'polar',
      '--grid-size', '16', '--window-minutes', '2', '--split', '1,0,0', '--polar-orient', 'mlt', '--scalar-std-floor', '1000', '--scalar-clip', '1']);
    assert.equal(r3.code, 0, r3.err.join('\n'));
    const ix3 = JSON.parse(readFileSync(join(out3, 'index.json'), 'utf8'));
    assert.equal(ix3.config.polarOrient, 'mlt');
    assert.equal(ix3.scalars.clip, 1);
    // statistics come from the training inputs (the first record alone here): every raw std is 0, floored to 1000
    assert.deepEqual(ix3.scalars.std, [1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    const ds3 = await DatasetFromPresaved.open(out3);
    try {
      // the second record's pot.drop is 1644.8 V below the mean: −1.64 with the floored std, clipped to −1
      const a = (await ds3.get(0)).cond!, b = normalizeScalars(ix3.frames[1].scalars, ix3.scalars);
      assert.deepEqual([...a], [0, 0, 0, 0, 0, 0, 0]);
      assert.ok(Math.abs(ix3.frames[1].scalars[5] - ix3.scalars.mean[5] + 1644.8) < 0.1);
      assert.equal(b[5], -1);
      assert.ok(b.every((v) => Math.abs(v) <= 1));
    } finally { await ds3.close(); }
    const bad = await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', join(SD, 'dmap_test.map'), '--out', join(dir, 'x'), '--method', 'polar', '--polar-orient', 'utc']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err.join('\n'), /mlon, mlt/);
    const neg = await runCommand(registerSuperdarn, ['superdarn', 'grid', '--input', join(SD, 'dmap_test.map'), '--out', join(dir, 'y'), '--method', 'polar', '--scalar-clip', '-1']);
    assert.notEqual(neg.code, 0);
    assert.match(neg.err.join('\n'), /scalarClip must be ≥ 0/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
