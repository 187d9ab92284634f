import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerSuperdarn } from './superdarn.js';
import { runCommand } from '../testing/run-command.js';

// Real archives (issue 22): the public fixtures in ../shared, plus truncated and mislabelled copies.
const SD = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', '..', 'shared', 'fixtures', 'superdarn');
const run = (args: string[]) => runCommand(registerSuperdarn, args);
function needFixtures(t: TestContext): boolean {
  if (existsSync(SD)) return true;
  if (process.env.CI === 'true') assert.fail(`needs ${SD} (real SuperDARN fixtures)`);
  t.skip(`needs ${SD} (real SuperDARN fixtures beside the repository)`);
  return false;
}
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

/** A folder of real files: good GRID/MAP (also under RST and extension-less names), one truncated, RAWACF (named and mislabelled). */
function messyFolder(dir: string): string {
  const inp = join(dir, 'in');
  mkdirSync(join(inp, 'sub'), { recursive: true });
  copyFileSync(join(SD, 'dmap_test.grid'), join(inp, 'dmap_test.grid'));
  copyFileSync(join(SD, 'wl_20090102.00.a.wal.grdmap.bz2'), join(inp, '20090102.wal.grdex.bz2')); // RST's name
  copyFileSync(join(SD, 'dmap_test.map'), join(inp, 'sub', '20221107_map')); // no format ending at all
  writeFileSync(join(inp, 'cut.grid'), readFileSync(join(SD, 'dmap_test.grid')).subarray(0, 3000)); // truncated
  copyFileSync(join(SD, 'dmap_test.rawacf'), join(inp, 'dmap_test.rawacf'));
  copyFileSync(join(SD, 'dmap_test.rawacf'), join(inp, 'mislabelled.grid')); // RAWACF content, GRID name
  return inp;
}

test('superdarn grid skips a truncated file and RAWACF (named or mislabelled), lists them in skipped.json, reads .grdex and extension-less files', async (t) => {
  if (!needFixtures(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-arch-'));
  try {
    const inp = messyFolder(dir);
    const out = join(dir, 'ds');
    const r = await run(['superdarn', 'grid', '--input', inp, '--out', out, '--grid-size', '16', '--split', '1,0,0']);
    assert.equal(r.code, 0, r.err.join('\n'));
    const rep = readJson(join(out, 'skipped.json'));
    assert.equal(rep.command, 'superdarn grid');
    assert.equal(rep.inputs, 6, 'all six files were found (.grdex and the extension-less MAP included)');
    const reasons = Object.fromEntries(rep.skipped.map((s: { file: string; reason: string }) => [s.file.slice(inp.length + 1), s.reason]));
    assert.deepEqual(Object.keys(reasons).sort(), ['cut.grid', 'dmap_test.rawacf', 'mislabelled.grid']);
    assert.match(reasons['cut.grid'], /unreadable: .*truncated/);
    assert.match(reasons['mislabelled.grid'], /RAWACF has no fitted velocities/);
    assert.match(reasons['dmap_test.rawacf'], /RAWACF has no fitted velocities/);
    const err = r.err.join('\n');
    assert.match(err, /skipped 3 of 6 inputs:\n {2}.*cut\.grid: unreadable/);
    const index = readJson(join(out, 'index.json'));
    const years = new Set(index.frames.map((f: { time: number }) => new Date(f.time).getUTCFullYear()));
    assert.ok(years.has(2009), '.grdex file used');

    const strict = await run(['superdarn', 'grid', '--input', inp, '--out', join(dir, 'ds2'), '--grid-size', '16', '--strict']);
    assert.equal(strict.code, 1);
    assert.match(strict.err.join('\n'), /cut\.grid: unreadable.*strict/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('superdarn grid with nothing usable fails but still writes skipped.json; FITACF with GRID channels is named', async (t) => {
  if (!needFixtures(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-arch-'));
  try {
    const inp = join(dir, 'in');
    mkdirSync(inp);
    copyFileSync(join(SD, 'dmap_test.rawacf.bz2'), join(inp, 'a.fitacf.bz2')); // mislabelled
    copyFileSync(join(SD, 'dmap_test.fitacf'), join(inp, 'b.fitacf'));
    const out = join(dir, 'ds');
    const r = await run(['superdarn', 'grid', '--input', inp, '--out', out, '--grid-size', '16']);
    assert.equal(r.code, 1);
    assert.match(r.err.join('\n'), /no usable SuperDARN files/);
    const rep = readJson(join(out, 'skipped.json'));
    assert.equal(rep.skipped.length, 2);
    assert.match(rep.skipped[0].reason, /RAWACF has no fitted velocities/);
    assert.match(rep.skipped[1].reason, /FITACF file, but GRID\/MAP vectors are needed here; grid FITACF with --channels v,p_l,w_l/);
    // gridding the RAWACF "as FITACF" is refused too (it used to write an all-zero dataset)
    const fit = await run(['superdarn', 'grid', '--input', join(inp, 'a.fitacf.bz2'), '--out', join(dir, 'f'), '--channels', 'v', '--grid-size', '16']);
    assert.equal(fit.code, 1);
    assert.match(fit.err.join('\n'), /RAWACF has no fitted velocities; use FITACF/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('superdarn filelists and maps skip truncated and non-FITACF / non-MAP files with reasons (OUT.skipped.json)', async (t) => {
  if (!needFixtures(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-arch-'));
  try {
    const fit = join(dir, 'fit');
    mkdirSync(fit);
    copyFileSync(join(SD, 'wl_20140101.0401.00.fhw.fitacf.bz2'), join(fit, '20140101.0401.00.fhw.fitacf.bz2'));
    copyFileSync(join(SD, 'dmap_test.fitacf'), join(fit, '20221107.1801.00.inv')); // extension-less FITACF
    writeFileSync(join(fit, '20140101.0601.00.fhw.fitacf'), readFileSync(join(SD, 'dmap_test.fitacf')).subarray(0, 7000));
    copyFileSync(join(SD, 'dmap_test.rawacf'), join(fit, '20140101.0401.00.fhw.rawacf'));
    const lists = join(dir, 'filelists.json');
    const r = await run(['superdarn', 'filelists', fit, '--min-radars', '1', '--out', lists]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const fl = readJson(lists);
    assert.equal(fl.files.length, 2, 'the .bz2 FITACF and the extension-less one');
    const sk = readJson(join(dir, 'filelists.skipped.json'));
    assert.deepEqual(sk.skipped.map((s: { file: string }) => s.file.split('/').pop()), ['20140101.0401.00.fhw.rawacf', '20140101.0601.00.fhw.fitacf']);
    assert.match(sk.skipped[0].reason, /RAWACF has no fitted velocities; use FITACF/);
    assert.match(sk.skipped[1].reason, /truncated/);
    assert.equal(sk.inputs, 4);

    const maps = join(dir, 'maps');
    mkdirSync(maps);
    copyFileSync(join(SD, 'wl_20090102.00.a.wal.grdmap.bz2'), join(maps, '20090102.wal.grdex.bz2'));
    writeFileSync(join(maps, 'cut.map'), readFileSync(join(SD, 'dmap_test.map')).subarray(0, 5000));
    const m = await run(['superdarn', 'maps', '--filelists', lists, '--map-folder', maps, '--out', join(dir, 'maps.json')]);
    assert.equal(m.code, 0, m.err.join('\n'));
    const msk = readJson(join(dir, 'maps.skipped.json'));
    assert.equal(msk.skipped.length, 1);
    assert.match(msk.skipped[0].file, /cut\.map$/);
    assert.match(m.err.join('\n'), /skipped 1 of 2 inputs/);
    const strict = await run(['superdarn', 'maps', '--filelists', lists, '--map-folder', maps, '--out', join(dir, 'm2.json'), '--strict']);
    assert.equal(strict.code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('superdarn grid writes dataset-report.json (splits, empty frames, coverage, ranges) and warns on empty splits', async (t) => {
  if (!needFixtures(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'wl-sd-arch-'));
  try {
    const out = join(dir, 'ds');
    // one day of Wallops GRID with one-day split blocks: everything lands in train, val/test are empty
    const r = await run(['superdarn', 'grid', '--input', join(SD, 'wl_20090102.00.a.wal.grdmap.bz2'), '--out', out, '--grid-size', '30']);
    assert.equal(r.code, 0, r.err.join('\n'));
    const rep = readJson(join(out, 'dataset-report.json'));
    assert.equal(rep.format, 'weatherlearn-dataset-report');
    assert.equal(rep.splits.train.samples, readJson(join(out, 'index.json')).samples.length);
    assert.equal(rep.splits.val.samples, 0);
    assert.ok(rep.emptyFrames > 0 && rep.emptyFrames < rep.frames, `${rep.emptyFrames} of ${rep.frames} frames without vectors`);
    assert.ok(rep.coverage > 0 && rep.coverage < 1);
    const vel = rep.channels.find((c: { name: string }) => c.name === 'vel.median');
    assert.ok(vel.max > 0 && vel.max <= 1300, `vel.median range ${vel.min}..${vel.max} (the largest vector in the file is ~1220 m/s)`);
    const err = r.err.join('\n');
    assert.match(err, /warning: val split is empty \(0 samples\): validation losses will be missing or meaningless/);
    assert.match(err, /warning: train split: \d+ of \d+ target frames are empty/);
    assert.match(err, /^train: \d+ samples, \d+\/\d+ empty inputs/m);
    // the pyDARN GRID test file (one single-channel radar): the 'channel' channel is 0 everywhere
    const g = await run(['superdarn', 'grid', '--input', join(SD, 'dmap_test.grid'), '--out', join(dir, 'g'), '--grid-size', '30', '--window-minutes', '2', '--split', '1,0,0']);
    assert.equal(g.code, 0, g.err.join('\n'));
    assert.match(g.err.join('\n'), /warning: channel channel is 0 in every frame/);
    assert.doesNotMatch(g.err.join('\n'), /val split is empty/, 'no warning for a split asked to be empty');
    assert.ok(readJson(join(dir, 'g', 'dataset-report.json')).warnings.includes('channel channel is 0 in every frame'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
