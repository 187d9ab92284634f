import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSyntheticFitacfFiles, writeSyntheticGridFile, SYNTHETIC_RADARS } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { buildTimeIndex, parseSuperdarnFileName, recordSpan, recordStations } from './records.js';
import { processFitacfToFilelists } from './filelists.js';
import { findConvMapsFromFilelists } from './convmaps.js';
import { readDmapFile } from '@weatherlearn/tensor-io';

test('file names, record spans and stations (FITACF time.* + integration; GRID start/end)', async () => {
  assert.deepEqual(parseSuperdarnFileName('/x/20140101.0401.00.fhw.fitacf.bz2'), { bz2: true, kind: 'fitacf', radar: 'fhw', date: new Date(Date.UTC(2014, 0, 1, 4, 1)) });
  assert.equal(parseSuperdarnFileName('20090102.north.map').kind, 'map');
  assert.equal(parseSuperdarnFileName('notes.txt').kind, undefined);
  await withTempDir(async (dir) => {
    const [fit] = await writeSyntheticFitacfFiles(dir, { radars: ['rkn'], minutes: 1 });
    const recs = (await readDmapFile(fit)).records;
    const s = recordSpan(recs[1]);
    assert.equal(s.end - s.start, 3000); // intt.sc = 3
    assert.deepEqual(recordStations(recs[0]), [65]);
    const ix = await buildTimeIndex(fit);
    assert.equal(ix.kind, 'fitacf');
    assert.equal(ix.records.length, 20);
    assert.ok(ix.start >= Date.UTC(2014, 0, 1, 4, 0) && ix.start < Date.UTC(2014, 0, 1, 4, 0, 1));
    assert.equal(ix.end, ix.records[19].end);
    const grid = await writeSyntheticGridFile(dir, { hours: 1 });
    const gi = await buildTimeIndex(grid);
    assert.equal(gi.kind, 'grid');
    assert.equal(gi.records[0].end - gi.records[0].start, 120_000);
    assert.ok(gi.stations.length >= 3);
  });
});

test('processFitacfToFilelists keeps windows with ≥ minRadars radars; findConvMapsFromFilelists attaches map records', async () => {
  await withTempDir(async (dir) => {
    const fitDir = join(dir, 'fit', '2014');
    // sas/pgr/inv for 04:00–04:30 (two 2-h windows' worth? no: all in 04:00–06:00), rkn alone 06:00–06:20
    await writeSyntheticFitacfFiles(fitDir, { radars: ['sas', 'pgr', 'inv'], minutes: 30, bz2: true });
    await writeSyntheticFitacfFiles(join(dir, 'fit'), { radars: ['rkn'], start: Date.UTC(2014, 0, 1, 6, 0), minutes: 20 });
    const out = join(dir, 'lists.json');
    const lists = await processFitacfToFilelists({ folder: join(dir, 'fit'), minRadars: 3, out });
    assert.equal(lists.windows.length, 1);
    assert.equal(lists.rejected, 1);
    assert.equal(lists.windows[0].start, '2014-01-01T04:00:00.000Z');
    assert.equal(lists.windows[0].end, '2014-01-01T06:00:00.000Z');
    assert.deepEqual(lists.windows[0].radars, ['inv', 'pgr', 'sas']);
    assert.equal(lists.windows[0].files.length, 3);
    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), lists);
    const one = await processFitacfToFilelists({ folder: join(dir, 'fit'), minRadars: 1, timeWindow: 60 });
    assert.deepEqual(one.windows.map((w) => w.start), ['2014-01-01T04:00:00.000Z', '2014-01-01T06:00:00.000Z']);

    const mapDir = join(dir, 'maps');
    await writeSyntheticGridFile(mapDir, { kind: 'map', start: Date.UTC(2014, 0, 1, 3, 0), hours: 2, radars: SYNTHETIC_RADARS.slice(0, 3) });
    const m = await findConvMapsFromFilelists(one, mapDir);
    assert.deepEqual(m.missing, ['2014-01-01T06:00:00.000Z']);
    assert.equal(m.windows[0].maps.length, 1);
    assert.equal(m.windows[0].maps[0].records.length, 30); // 04:00–05:00 of 2-minute records
    assert.equal(m.windows[0].maps[0].records[0], 30); // 03:00 + 30·2 min
    await assert.rejects(processFitacfToFilelists({ folder: mapDir }), /no usable FITACF files[\s\S]*20140101.north.map: MAP file, but FITACF is needed here/);
    await assert.rejects(processFitacfToFilelists({ folder: dir, minRadars: 0 }), /minRadars/);
  });
});
