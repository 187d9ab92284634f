import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOUTHERN_SYNTHETIC_RADARS, syntheticRadar, writeSyntheticFitacfFiles, writeSyntheticGridFile } from '@weatherlearn/testkit';
import { DatasetFromPresaved } from '@weatherlearn/superdarn';
import { registerSuperdarn } from './superdarn.js';
import { runCommand } from '../testing/run-command.js';

// Southern hemisphere (issue 22 item 1): testkit files from the real hardware table's southern radars.
const run = (args: string[]) => runCommand(registerSuperdarn, args);
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

async function coveredShare(dir: string): Promise<number> {
  const ds = await DatasetFromPresaved.open(dir, { normalize: false });
  try {
    const C = ds.index.config.channels.indexOf('coverage');
    let on = 0, all = 0;
    for (let k = 0; k < ds.index.frames.length; k++) {
      const f = await ds.frame(k);
      const per = f.length / ds.index.config.channels.length;
      for (let i = C * per; i < (C + 1) * per; i++) { all++; if (f[i]! > 0) on++; }
    }
    return on / all;
  } finally { await ds.close(); }
}

test('superdarn grid: a southern GRID file gets a southern extent (auto), a mixed folder skips the other hemisphere by name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-south-'));
  try {
    const south = await writeSyntheticGridFile(join(dir, 'in'), { hours: 1, radars: SOUTHERN_SYNTHETIC_RADARS });
    const out = join(dir, 'ds');
    const r = await run(['superdarn', 'grid', '--input', south, '--out', out, '--grid-size', '24', '--split', '1,0,0']);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.err.join('\n'), /southern hemisphere, extent -90\.\.-50° lat/);
    assert.deepEqual(readJson(join(out, 'index.json')).config.extent, { latMin: -90, latMax: -50, lonMin: 0, lonMax: 360 });
    assert.ok(await coveredShare(out) > 0, 'southern vectors are gridded (the old default 50–90° dropped them all)');

    const north = await writeSyntheticGridFile(join(dir, 'in'), { hours: 1, seed: 2 });
    const mixed = await run(['superdarn', 'grid', '--input', join(dir, 'in'), '--out', join(dir, 'mixed'), '--grid-size', '24', '--split', '1,0,0']);
    assert.equal(mixed.code, 0, mixed.err.join('\n'));
    const sk = readJson(join(dir, 'mixed', 'skipped.json')).skipped;
    assert.deepEqual(sk.map((s: { file: string }) => s.file), [south]);
    assert.match(sk[0].reason, /southern-hemisphere data in a northern dataset \(grid each hemisphere separately: --hemisphere south\)/);
    const onlySouth = await run(['superdarn', 'grid', '--input', join(dir, 'in'), '--out', join(dir, 's2'), '--grid-size', '24', '--split', '1,0,0', '--hemisphere', 'south']);
    assert.equal(onlySouth.code, 0, onlySouth.err.join('\n'));
    assert.deepEqual(readJson(join(dir, 's2', 'skipped.json')).skipped.map((s: { file: string }) => s.file), [north]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('superdarn grid of southern FITACF (McMurdo, Kerguelen) works from the network table; --hardware FILE adds a radar', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-south-'));
  try {
    await writeSyntheticFitacfFiles(join(dir, 'fit'), { radars: ['mcm', 'ker'], minutes: 20 });
    const out = join(dir, 'ds');
    const r = await run(['superdarn', 'grid', '--input', join(dir, 'fit'), '--out', out, '--channels', 'v,coverage', '--grid-size', '24', '--split', '1,0,0']);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.deepEqual(readJson(join(out, 'index.json')).config.extent, { latMin: -90, latMax: -50, lonMin: 0, lonMax: 360 });
    assert.ok(await coveredShare(out) > 0);

    // a radar the table does not know: skipped with the way out named, then gridded with --hardware
    const fake = { ...syntheticRadar('ker'), stid: 250, code: 'zzz' };
    await writeSyntheticFitacfFiles(join(dir, 'fit2'), { radars: [fake], minutes: 20 });
    const no = await run(['superdarn', 'grid', '--input', join(dir, 'fit2'), '--out', join(dir, 'x'), '--channels', 'v,coverage', '--grid-size', '24']);
    assert.equal(no.code, 1);
    assert.match(no.err.join('\n'), /no hardware entry for radar 250.*--hardware FILE/);
    const hdw = join(dir, 'hdw.dat.zzz');
    writeFileSync(hdw, `# test radar\n 250  1 20000101 00:00:00  -49.350  70.260  0.0  168.0  0.00  -3.24  1  1  0.0  0.0  0.0  0.0  0.0  0.0  10 2  75 16\n`);
    const yes = await run(['superdarn', 'grid', '--input', join(dir, 'fit2'), '--out', join(dir, 'y'), '--channels', 'v,coverage', '--grid-size', '24', '--split', '1,0,0', '--hardware', hdw]);
    assert.equal(yes.code, 0, yes.err.join('\n'));
    assert.ok(await coveredShare(join(dir, 'y')) > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('superdarn maps never pairs southern radars with a northern GRID/MAP file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-south-'));
  try {
    await writeSyntheticFitacfFiles(join(dir, 'fit'), { radars: ['mcm', 'ker'], minutes: 30 });
    const lists = join(dir, 'lists.json');
    assert.equal((await run(['superdarn', 'filelists', join(dir, 'fit'), '--min-radars', '2', '--out', lists])).code, 0);
    const north = await writeSyntheticGridFile(join(dir, 'maps'), { hours: 6 });
    const south = await writeSyntheticGridFile(join(dir, 'maps'), { hours: 6, radars: SOUTHERN_SYNTHETIC_RADARS, seed: 3 });
    const r = await run(['superdarn', 'maps', '--filelists', lists, '--map-folder', join(dir, 'maps'), '--out', join(dir, 'maps.json')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const m = readJson(join(dir, 'maps.json'));
    assert.ok(m.windows.length > 0);
    for (const w of m.windows) assert.deepEqual(w.maps.map((x: { file: string }) => x.file), [south], `window ${w.start}`);
    assert.ok(m.crossHemisphere.every((c: { file: string }) => c.file === north) && m.crossHemisphere.length === m.windows.length);
    assert.match(r.err.join('\n'), /refused \d+ cross-hemisphere window\/map pair\(s\), e\.g\. .*north\.grdmap: northern map for a window of southern radars/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
