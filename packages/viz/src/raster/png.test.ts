import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Svg } from '../svg/svg.js';
import { decodePng, encodePng, pixelAt } from './png.js';
import { svgToPng } from './rasterize.js';

test('encodePng → decodePng round-trips every byte', () => {
  const width = 7, height = 5;
  const data = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37 + 11) & 0xff);
  const back = decodePng(encodePng({ width, height, data }));
  assert.equal(back.width, width);
  assert.equal(back.height, height);
  assert.deepEqual(back.data, data);
});

test('decodePng names the problem: signature, CRC, truncation', () => {
  const png = encodePng({ width: 2, height: 2, data: new Uint8Array(16) });
  assert.throws(() => decodePng(png.subarray(1), 'x.png'), /x\.png@0: not a PNG/);
  const bad = png.slice(); bad[20]! ^= 0xff;
  assert.throws(() => decodePng(bad, 'y.png'), /y\.png@8: bad CRC in chunk IHDR/);
  assert.throws(() => decodePng(png.subarray(0, 40), 'z.png'), /z\.png@33: truncated \(no IEND chunk\)/);
});

test('svgToPng draws shapes at their pixels and renders text with a real font', async () => {
  const svg = new Svg(120, 60).rect(10, 10, 20, 20, { fill: '#ff0000' }).text(40, 40, 'Velocity 300 m/s', { size: 14 });
  const img = decodePng(await svgToPng(svg.toString()));
  assert.deepEqual(pixelAt(img, 20, 20), [255, 0, 0, 255]);
  assert.deepEqual(pixelAt(img, 5, 5), [255, 255, 255, 255]);
  let dark = 0;
  for (let y = 25; y < 45; y++) for (let x = 40; x < 120; x++) if (pixelAt(img, x, y)[0] < 100) dark++;
  assert.ok(dark > 60, `text should put dark pixels on the page (${dark})`);
  const big = decodePng(await svgToPng(svg.toString(), { scale: 2 }));
  assert.equal(big.width, 240);
  await assert.rejects(svgToPng('<svg', {}), /./);
  await assert.rejects(svgToPng(svg.toString(), { fontFiles: ['/nonexistent.ttf'] }), /font file not found: \/nonexistent.ttf/);
});
