import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDir, SHARED_MISSING } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { DatasetFromPresaved } from '@weatherlearn/superdarn';
import { requirePart } from '@weatherlearn/test-parts/require-part';
import { registerSuperdarn } from './superdarn.js';
import { registerPlot } from './plot.js';
import { runCommand } from '../testing/run-command.js';

const fixtures = sharedDir('fixtures/superdarn');
const skip = requirePart('shared', !fixtures && SHARED_MISSING);

/** Mean row (latitude) of the non-zero pixels of channel 0 over a dataset's first frames. */
async function meanLatitude(out: string, latMin: number, latMax: number, n: number): Promise<number> {
  const ds = await DatasetFromPresaved.open(out);
  let sum = 0, count = 0;
  for (let i = 0; i < Math.min(ds.length, 4); i++) {
    const { x } = await ds.get(i);
    for (let p = 0; p < n * n; p++) if (x[n * n + p] !== 0) { sum += latMin + (Math.floor(p / n) + 0.5) * (latMax - latMin) / n; count++; }
  }
  assert.ok(count > 0, `${out}: no data`);
  return sum / count;
}

test('superdarn grid: FITACF in AACGM-v2 by default, --fitacf-coords geo for the seed frame, bad values listed', { skip }, async () => {
  await withTempDir(async (dir) => {
    const input = join(fixtures!, 'wl_20140101.0401.00.fhw.fitacf.bz2');
    const flags = ['--input', input, '--channels', 'v,coverage', '--grid-size', '40', '--split', '1,0,0', '--lat-min', '30', '--lat-max', '90'];
    const t0 = Date.now();
    const mag = await run(['superdarn', 'grid', ...flags, '--out', join(dir, 'mag')]);
    assert.equal(mag.code, 0, mag.err.join('\n'));
    assert.ok(Date.now() - t0 < 60_000, 'a 2-hour FITACF file grids in seconds, not minutes');
    const geo = await run(['superdarn', 'grid', ...flags, '--out', join(dir, 'geo'), '--fitacf-coords', 'geo']);
    assert.equal(geo.code, 0, geo.err.join('\n'));
    assert.match(readFileSync(join(dir, 'mag', 'index.json'), 'utf8'), /"fitacfCoords":\s*"aacgm"/);
    assert.match(readFileSync(join(dir, 'geo', 'index.json'), 'utf8'), /"fitacfCoords":\s*"geo"/);
    // Fort Hays (38.9N) looks poleward: its echoes sit 5–12° higher in AACGM-v2 than geographically (the
    // site itself: 38.9N vs 48.0 MLAT; the offset shrinks towards the pole).
    const m = await meanLatitude(join(dir, 'mag'), 30, 90, 40), g = await meanLatitude(join(dir, 'geo'), 30, 90, 40);
    assert.ok(m - g > 5 && m - g < 12, `mean latitude AACGM ${m.toFixed(1)} vs geographic ${g.toFixed(1)}`);
    assert.doesNotMatch(mag.err.join('\n'), /IGRF-12 is valid to/, '2014 is inside the model');
    const bad = await run(['superdarn', 'grid', ...flags, '--out', join(dir, 'x'), '--fitacf-coords', 'mag']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err.join('\n'), /--fitacf-coords.*mag.*aacgm, geo/s);
  });
});

test('plot fan draws the fixture scan on an AACGM-v2 grid by default (as pyDARN), --coords geo geographic; bad values listed', { skip }, async () => {
  await withTempDir(async (dir) => {
    const input = join(fixtures!, 'wl_20140101.0401.00.fhw.fitacf.bz2');
    const r = await runCommand(registerPlot, ['plot', 'fan', input, '-o', join(dir, 'fan.svg')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(readFileSync(join(dir, 'fan.svg'), 'utf8'), /\(AACGM-v2\)/);
    const aacgm = await runCommand(registerPlot, ['plot', 'fan', input, '--coords', 'aacgm', '-o', join(dir, 'fan-aacgm.svg')]);
    assert.equal(aacgm.code, 0, aacgm.err.join('\n'));
    const svg = (name: string) => readFileSync(join(dir, name), 'utf8').replace(/wl[0-9a-z]+c(?=\d)/g, 'wlc'); // clip-path ids count plots
    assert.equal(svg('fan-aacgm.svg'), svg('fan.svg'));
    const geo = await runCommand(registerPlot, ['plot', 'fan', input, '--coords', 'geo', '-o', join(dir, 'fan-geo.svg')]);
    assert.equal(geo.code, 0, geo.err.join('\n'));
    assert.doesNotMatch(readFileSync(join(dir, 'fan-geo.svg'), 'utf8'), /AACGM/);
    assert.doesNotMatch(r.err.join('\n'), /IGRF-12 is valid to/, '2014 is inside the model');
    // 2022 is past IGRF-12's end: drawn by extrapolation, with one warning on stderr.
    const late = await runCommand(registerPlot, ['plot', 'fan', join(fixtures!, 'dmap_test.fitacf'), '--coords', 'aacgm', '-o', join(dir, 'late.svg')]);
    assert.equal(late.code, 0, late.err.join('\n'));
    assert.equal(late.err.filter((l) => /warning: AACGM-v2: IGRF-12 is valid to 2020; 2022 uses its secular variation extrapolated/.test(l)).length, 1);
    const bad = await runCommand(registerPlot, ['plot', 'fan', input, '--coords', 'mag', '-o', join(dir, 'x.svg')]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err.join('\n'), /--coords.*mag.*geo, aacgm/s);
  });
});

const run = (args: string[]) => runCommand(registerSuperdarn, args);
