import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geolocateGate, geoToAacgmAt, slantRangeKm } from '@weatherlearn/superdarn/geometry';
import { ColorScale } from '../color/colormap.js';
import { decodePng, pixelAt } from '../raster/png.js';
import { svgToPng } from '../raster/rasterize.js';
import { fitRecord } from '../testing/records.js';
import { plotFan } from './fan.js';

// Saskatoon-like site; 8 beams, beams 0–3 at −400 m/s, 4–7 at +400 m/s, gates 5..24.
const SITE = { lat: 52.16, lon: -106.53, code: 'tst' };
const T = Date.UTC(2014, 0, 1, 12);
const az = (b: number) => 23 + (b - 3.5) * 3.24;
const scan = Array.from({ length: 8 }, (_, b) => {
  const gates = Array.from({ length: 20 }, (_, i) => i + 5);
  return fitRecord({ bmnum: b, bmazm: az(b), time: new Date(T + b * 3000), scan: b === 0 ? 1 : 0, gates, v: gates.map(() => (b < 4 ? -400 : 400)), gflg: gates.map(() => 0) });
});

test('plot fan --coords aacgm: every cell is drawn at its AACGM-v2 position (traced independently per gate centre)', async () => {
  const fan = plotFan(scan, { site: SITE, coords: 'aacgm', range: [-600, 600], groundScatter: false });
  assert.equal(fan.cells, 8 * 20);
  assert.match(fan.svg, /\(AACGM-v2\)/);
  const img = decodePng(await svgToPng(fan.svg));
  const scale = new ColorScale('coolwarm', -600, 600);
  let checked = 0;
  for (const b of [1, 2, 5, 6]) {
    for (const g of [8, 15, 22]) {
      const [la, lo] = geolocateGate(SITE, az(b), slantRangeKm(180, 45, g));
      const m = geoToAacgmAt(la, lo, 300, T);
      const [x, y] = fan.projection.project(m.mlat, m.mlon);
      const got = pixelAt(img, x, y), want = scale.rgb(b < 4 ? -400 : 400)!;
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(got[c]! - want[c]!) <= 2, `beam ${b} gate ${g}: got ${got} want ${want}`);
      checked++;
    }
  }
  assert.equal(checked, 12);
  const geo = plotFan(scan, { site: SITE, coords: 'geo', range: [-600, 600] });
  assert.doesNotMatch(geo.svg, /AACGM/);
  // the default frame is AACGM-v2, as pyDARN's fan plots
  const ids = (svg: string) => svg.replace(/wl[0-9a-z]+c(?=\d)/g, 'wlc'); // clip-path ids count plots
  assert.equal(ids(plotFan(scan, { site: SITE, range: [-600, 600], groundScatter: false }).svg), ids(fan.svg));
  assert.throws(() => plotFan(scan, { site: SITE, coords: 'mag' as 'geo' }), /coords must be 'geo' or 'aacgm', got mag/);
});
