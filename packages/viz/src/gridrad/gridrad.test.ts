import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '@weatherlearn/tensor-io';
import { Rng } from '@weatherlearn/engine/rng';
import { decodePng, pixelAt } from '../raster/png.js';
import { svgToPng } from '../raster/rasterize.js';
import { plotCropPatches, plotRejectedSlices } from './crop.js';
import { pca2, plotPca } from './pca.js';

test('crop with its 8×8 patch grid: white lines on patch boundaries, labels for every patch', async () => {
  const n = 64;
  const crop = tensor('float32', [2, n, n], Float32Array.from({ length: 2 * n * n }, (_, i) => (i % n) / n));
  const svg = plotCropPatches(crop, { size: 320 });
  assert.equal((svg.match(/>\d,\d</g) ?? []).length, 64);
  const img = decodePng(await svgToPng(svg));
  // Image box: x 20..340, y 24+18=42.. ; the boundary between patch columns 3 and 4 is at x = 180.
  const onLine = pixelAt(img, 180, 42 + 220), offLine = pixelAt(img, 170, 42 + 220);
  assert.ok(onLine[0] > 240 && onLine[1] > 240 && onLine[2] > 240, `grid line white: ${onLine}`);
  assert.ok(offLine[0] < 240 || offLine[2] < 240, `data pixel not white: ${offLine}`);
  assert.throws(() => plotCropPatches(tensor('float32', [1, 10, 10], new Float32Array(100))), /does not split into 8×8 equal patches/);
  assert.throws(() => plotCropPatches(crop, { channel: 2 }), /channel 2 out of range \(crop has 2\)/);
});

test('rejected slices show their reasons', () => {
  const s = (v: number) => tensor('float32', [4, 4], new Float32Array(16).fill(v));
  const svg = plotRejectedSlices([{ name: 'crop_3_0', slice: s(1), reason: 'nan' }, { name: 'patch_1_7', slice: s(2), reason: 'local: max|x-mean| 99 > 10*std 1' }]);
  assert.match(svg, /2 rejected slice\(s\)/);
  assert.match(svg, /class="reason"[^>]*>nan</);
  assert.match(svg, /local: max\|x-mean\|/);
  assert.match(plotRejectedSlices([]), /no rejected slices/);
});

test('pca2 finds the planted directions and the explained variance', () => {
  const rng = new Rng(5), n = 300, d = 6;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const a = rng.normal() * 10, b = rng.normal() * 3;
    for (let j = 0; j < d; j++) data[i * d + j] = (j === 1 ? a : 0) + (j === 4 ? b : 0) + rng.normal() * 0.1 + 7;
  }
  const p = pca2(data, n, d);
  // PC1 is coordinate 1 (up to sign fixed positive), PC2 coordinate 4.
  const mean = (j: number) => { let s = 0; for (let i = 0; i < n; i++) s += data[i * d + j]!; return s / n; };
  const m1 = mean(1), m4 = mean(4);
  let c1 = 0, c2 = 0;
  for (let i = 0; i < n; i++) { c1 += p.x[i]! * (data[i * d + 1]! - m1); c2 += p.y[i]! * (data[i * d + 4]! - m4); }
  assert.ok(c1 > 0 && c2 > 0);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(p.x[i]! - (data[i * d + 1]! - m1)) < 0.5, `row ${i}: ${p.x[i]} vs ${data[i * d + 1]! - m1}`);
  assert.ok(p.explained[0] > 0.85 && p.explained[1] > 0.05 && p.explained[0] + p.explained[1] < 1);
  const { svg } = plotPca(tensor('float64', [n, d], data), Array.from({ length: n }, (_, i) => (i % 2 ? 'ir' : 'vis')), { labelName: 'channel' });
  assert.equal((svg.match(/<circle/g) ?? []).length, n + 2);
  assert.throws(() => plotPca(tensor('float64', [n, d], data), [1, 2]), /2 labels for 300 embeddings/);
});
