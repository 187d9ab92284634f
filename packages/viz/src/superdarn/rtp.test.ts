import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FitacfRecord } from '@weatherlearn/tensor-io';
import { decodePng, pixelAt } from '../raster/png.js';
import { svgToPng } from '../raster/rasterize.js';
import { fitRecord } from '../testing/records.js';
import { plotRtp } from './rtp.js';

const T0 = Date.UTC(2021, 5, 1, 10, 0, 0);
// Beam 3 every 60 s for 30 min; gate 10 carries +400 m/s, gate 20 -400 m/s, gate 30 ground
// scatter; minutes 10..14 are missing (a gap); beam 4 records must be ignored.
const recs: FitacfRecord[] = [];
for (let i = 0; i < 30; i++) {
  if (i >= 10 && i < 15) continue;
  const time = new Date(T0 + i * 60000);
  recs.push(fitRecord({ bmnum: 3, bmazm: 0, time, nrang: 40, gates: [10, 20, 30], v: [400, -400, 50], gflg: [0, 0, 1] }));
  recs.push(fitRecord({ bmnum: 4, bmazm: 3, time, nrang: 40, gates: [10, 20], v: [-400, 400] }));
}

test('RTP puts each gate\'s colour at its time and range gate; ground scatter grey; gaps white', async () => {
  const p = plotRtp(recs, { beam: 3, maxGapSeconds: 90 });
  assert.equal(p.records, 25);
  const img = decodePng(await svgToPng(p.svg));
  const px = (ms: number, gate: number) => pixelAt(img, p.box.x + ((ms - p.t0) / (p.t1 - p.t0)) * p.box.w, p.box.y + p.box.h - ((gate + 0.5) / 40) * p.box.h);
  const close = (a: number[], b: readonly number[], what: string) => { for (let c = 0; c < 3; c++) assert.ok(Math.abs(a[c]! - b[c]!) <= 2, `${what}: got ${a} want ${b}`); };
  for (const minute of [2.5, 7.5, 20.5]) {
    close(px(T0 + minute * 60000, 10), p.scale.rgb(400)!, `gate 10 at ${minute} min`);
    close(px(T0 + minute * 60000, 20), p.scale.rgb(-400)!, `gate 20 at ${minute} min`);
    close(px(T0 + minute * 60000, 30), [128, 128, 128], `gate 30 at ${minute} min`);
    close(px(T0 + minute * 60000, 25), [255, 255, 255], `gate 25 (no data) at ${minute} min`);
  }
  close(px(T0 + 12 * 60000, 10), [255, 255, 255], 'the gap (no records 10..14 min)');
});

test('RTP errors list the beams present', () => {
  assert.throws(() => plotRtp(recs, { beam: 9 }), /no records for beam 9 \(beams present: 3, 4\)/);
});
