import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beamAzimuth, hemisphereOf, NETWORK_HARDWARE, radarHardware } from './hardware.js';
import { parseHardwareTable } from './hdw-file.js';

test('the network table covers both hemispheres, with hardware epochs chosen by time', () => {
  const codes = new Set(NETWORK_HARDWARE.map((h) => h.code));
  assert.ok(codes.size >= 40, `${codes.size} radars`);
  const south = [...new Set(NETWORK_HARDWARE.filter((h) => hemisphereOf(h) === 'south').map((h) => h.code))];
  for (const c of ['mcm', 'sps', 'hal', 'san', 'sys', 'sye', 'ker', 'tig', 'unw', 'bpk', 'fir', 'zho', 'dce']) assert.ok(south.includes(c), `southern ${c}`);
  const mcm = radarHardware(20);
  assert.deepEqual([mcm.code, mcm.lat, mcm.lon, mcm.boresight, mcm.beams], ['mcm', -77.88, 166.73, 263.4, 16]);
  // Blackstone: 16 beams of 3.86° (offset 8) from 2008, 24 beams of 3.24° from 2011-09-12
  assert.equal(radarHardware('bks', NETWORK_HARDWARE, Date.UTC(2010, 0, 1)).beams, 16);
  assert.equal(radarHardware('bks', NETWORK_HARDWARE, Date.UTC(2014, 0, 1)).beams, 24);
  assert.equal(radarHardware('bks').validTo, undefined, 'the latest epoch is open-ended');
  const b = radarHardware('bks', NETWORK_HARDWARE, Date.UTC(2014, 0, 1));
  assert.equal(beamAzimuth(b, 0), b.boresight + (0 - 11.5) * b.bmsep);
  assert.throws(() => radarHardware(999), /no hardware entry for radar 999 .*--hardware FILE/);
});

test('hardware files: RST hdw.dat rows (code from the name, epochs chained) or JSON; bad rows named', () => {
  const text = `# comment\n 20  1 20100122 00:00:00  -77.880  166.730   300.0  263.4  0.00  3.24  1  1  0.000  0.000    0.0   70.1  -4.1    0.0  10 2  75 16\n`
    + ` 20  1 20180210 00:00:00  -77.880  166.730   300.0  260.0  1.50  3.24 -1 -1  0.039  0.000    0.0   70.1  -4.1    0.0  10 2  100 16\n`;
  const rows = parseHardwareTable(text, '/x/hdw.dat.mcm');
  assert.equal(rows.length, 2);
  assert.deepEqual([rows[0]!.code, rows[0]!.validFrom, rows[0]!.validTo, rows[1]!.bmoff, rows[1]!.gates], ['mcm', '2010-01-22', '2018-02-10', 1.5, 100]);
  assert.equal(radarHardware(20, rows, Date.UTC(2015, 0, 1)).boresight, 263.4);
  assert.equal(beamAzimuth(radarHardware(20, rows, Date.UTC(2019, 0, 1)), 7.5), 261.5);
  assert.deepEqual(parseHardwareTable('[{"stid":1,"code":"abc","lat":1,"lon":2,"boresight":3,"bmsep":3.24,"beams":16}]', 'h.json')[0]!.code, 'abc');
  assert.throws(() => parseHardwareTable(' 20 1 2010 00:00:00 1 2\n', 'hdw.dat.mcm'), /hdw\.dat\.mcm:1: expected 22 fields/);
  assert.throws(() => parseHardwareTable('[{"stid":1}]', 'h.json'), /h\.json: entry 0 has no "code"/);
});
