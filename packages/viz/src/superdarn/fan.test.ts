import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColorScale } from '../color/colormap.js';
import { decodePng, pixelAt } from '../raster/png.js';
import { svgToPng } from '../raster/rasterize.js';
import { fitRecord } from '../testing/records.js';
import { plotFan } from './fan.js';

const SITE = { lat: 60, lon: 10, code: 'tst' };
const BEAMS = 16, SEP = 3.24;
// Beams 0-3 at -500 m/s, 4-7 at +500, 8-11 at 0, 12-15 ground scatter (v = +300, shaded grey).
const velocityOf = (b: number): number => (b < 4 ? -500 : b < 8 ? 500 : b < 12 ? 0 : 300);
const scan = Array.from({ length: BEAMS }, (_, b) => {
  const gates = Array.from({ length: 26 }, (_, i) => i + 5);
  return fitRecord({
    bmnum: b, bmazm: (b - (BEAMS - 1) / 2) * SEP, time: new Date(Date.UTC(2020, 0, 1, 12, 0, b * 3)), scan: b === 0 ? 1 : 0,
    gates, v: gates.map(() => velocityOf(b)), gflg: gates.map(() => (b >= 12 ? 1 : 0)),
  });
});

test('a synthetic fan of known velocities renders the expected colours at the expected pixels', async () => {
  const fan = plotFan(scan, { site: SITE, coords: 'geo', range: [-600, 600] });
  assert.equal(fan.cells, BEAMS * 26);
  const img = decodePng(await svgToPng(fan.svg));
  assert.equal(img.width, 760);
  const scale = new ColorScale('coolwarm', -600, 600);
  // Independent geometry: the centre of gate g on a beam at azimuth az, by spherical trigonometry.
  const R = 6371.2, h = 300;
  const centre = (az: number, g: number): [number, number] => {
    const slant = 180 + (g + 0.5) * 45;
    const ang = Math.acos((R * R + (R + h) ** 2 - slant * slant) / (2 * R * (R + h)));
    const p1 = (SITE.lat * Math.PI) / 180, b = (az * Math.PI) / 180;
    const p2 = Math.asin(Math.sin(p1) * Math.cos(ang) + Math.cos(p1) * Math.sin(ang) * Math.cos(b));
    const dl = Math.atan2(Math.sin(b) * Math.sin(ang) * Math.cos(p1), Math.cos(ang) - Math.sin(p1) * Math.sin(p2));
    return [(p2 * 180) / Math.PI, SITE.lon + (dl * 180) / Math.PI];
  };
  let checked = 0;
  for (const b of [1, 2, 5, 6, 9, 10, 13, 14]) {
    for (const g of [8, 15, 25]) {
      const [la, lo] = centre((b - 7.5) * SEP, g);
      const [x, y] = fan.projection.project(la, lo);
      const want = b >= 12 ? [128, 128, 128] : scale.rgb(velocityOf(b))!;
      const got = pixelAt(img, x, y);
      for (let c = 0; c < 3; c++) assert.ok(Math.abs(got[c]! - want[c]!) <= 2, `beam ${b} gate ${g} at (${x.toFixed(1)}, ${y.toFixed(1)}): got ${got} want ${want}`);
      checked++;
    }
  }
  assert.equal(checked, 24);
  // Positive and negative velocities are really different colours (a diverging map), zero is pale.
  const [xa, ya] = fan.projection.project(...centre((1 - 7.5) * SEP, 15));
  const [xb, yb] = fan.projection.project(...centre((5 - 7.5) * SEP, 15));
  const away = pixelAt(img, xa, ya), toward = pixelAt(img, xb, yb);
  assert.ok(away[2] > away[0] + 60, `negative velocity should be blue, got ${away}`);
  assert.ok(toward[0] > toward[2] + 60, `positive velocity should be red, got ${toward}`);
  // Outside the field of view (east of the radar, away from grid lines) the map is white.
  const [xo, yo] = fan.projection.project(SITE.lat + 1, SITE.lon + 6);
  assert.deepEqual(pixelAt(img, xo, yo).slice(0, 3), [255, 255, 255]);
});

test('the boresight beam points north on the map: its gates lie straight above the radar', () => {
  const one = [fitRecord({ bmnum: 0, bmazm: 0, time: new Date(Date.UTC(2020, 0, 1)), gates: [10], v: [100] })];
  const fan = plotFan(one, { site: SITE, coords: 'geo', beamWidth: 3.24 });
  const [sx, sy] = fan.projection.project(SITE.lat, SITE.lon);
  const [gx, gy] = fan.projection.project(SITE.lat + 5, SITE.lon);
  assert.ok(Math.abs(gx - sx) < 1e-6 && gy < sy, 'north is up at the radar longitude');
});

test('plotFan errors clearly without a site or azimuth', () => {
  const r = fitRecord({ bmnum: 0, bmazm: 0, time: new Date(0), gates: [1], v: [1] });
  assert.throws(() => plotFan([r]), /no hardware entry for radar 999.*or pass options.site/);
  assert.throws(() => plotFan([]), /no records/);
});
