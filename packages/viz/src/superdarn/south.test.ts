import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asFitacf, readDmapFile } from '@weatherlearn/tensor-io';
import { writeSyntheticFitacfFiles } from '@weatherlearn/testkit';
import { withTempDir } from '@weatherlearn/test-parts';
import { NETWORK_HARDWARE, radarHardware } from '@weatherlearn/superdarn/geometry';
import { plotFan } from './fan.js';
import { KNOWN_RADAR_SITES, gateCell } from './geolocate.js';
import { splitScans } from './scans.js';

test('viz uses the superdarn network table: both hemispheres, the same sites', () => {
  assert.ok(NETWORK_HARDWARE.length > 40);
  assert.deepEqual(KNOWN_RADAR_SITES[20], { lat: radarHardware('mcm').lat, lon: radarHardware('mcm').lon, code: 'mcm' });
  assert.ok(Object.values(KNOWN_RADAR_SITES).filter((s) => s.lat < 0).length >= 10, 'southern radars known');
});

test('plot fan of a southern (McMurdo) FITACF scan draws on a south-polar map, echoes inside the fan outline', async () => {
  await withTempDir(async (dir) => {
    const [file] = await writeSyntheticFitacfFiles(dir, { radars: ['mcm'], minutes: 2, fill: 0.5 });
    const scans = splitScans((await readDmapFile(file!)).records.map(asFitacf));
    const scan = scans.reduce((a, b) => (b.length > a.length ? b : a));
    const fan = plotFan(scan, { coords: 'geo' }); // no site given: McMurdo comes from the network table by stid 20
    assert.equal(fan.projection.hemisphere, -1, 'south-polar projection');
    assert.ok(fan.cells > 0);
    const site = KNOWN_RADAR_SITES[20]!;
    const { x, y, w, h } = fan.box;
    let inside = 0, total = 0;
    for (const r of scan) {
      for (const g of Array.from(r.slist ?? [])) {
        for (const [la, lo] of gateCell(site, r.bmazm!, 3.24, g, r.frang ?? 180, r.rsep ?? 45)) {
          assert.ok(la < -45, `McMurdo echoes are southern (${la})`);
          const [px, py] = fan.projection.project(la, lo);
          total++;
          if (px >= x && px <= x + w && py >= y && py <= y + h) inside++;
        }
      }
    }
    assert.equal(inside, total, `${total - inside} of ${total} echo corners fall outside the plot`);
  });
});
