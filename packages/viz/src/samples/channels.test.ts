import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor } from '@weatherlearn/tensor-io';
import { ColorScale } from '../color/colormap.js';
import { decodePng, pixelAt } from '../raster/png.js';
import { svgToPng } from '../raster/rasterize.js';
import { plotChannels, plotForecast, shrinkImage } from './channels.js';

const H = 8, W = 8;
// Channel 0: left half 0, right half 10; channel 1: a constant 5 except a NaN pixel.
const sample = new Float32Array(2 * H * W);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { sample[y * W + x] = x < 4 ? 0 : 10; sample[H * W + y * W + x] = 5; }
sample[H * W] = NaN;

test('plotChannels draws each channel with its own range (left/right halves at the map ends)', async () => {
  const svg = plotChannels(tensor('float32', [2, H, W], sample), { names: ['ir', 'vis'], panel: 200 });
  assert.match(svg, /data-title="ir"/);
  assert.match(svg, /data-title="vis"/);
  const img = decodePng(await svgToPng(svg));
  const s = new ColorScale('viridis', 0, 10);
  // Panel 0 image box: x 16..216, y 8+18 .. (size 156×156 centred: the panel keeps the aspect).
  const k = Math.min(200 / W, (200 - 44) / H), x0 = 16 + (200 - W * k) / 2, y0 = 8 + 18;
  assert.deepEqual(pixelAt(img, x0 + k * 1.5, y0 + k * 3.5).slice(0, 3), [...s.rgb(0)!]);
  assert.deepEqual(pixelAt(img, x0 + k * 6.5, y0 + k * 3.5).slice(0, 3), [...s.rgb(10)!]);
  // NaN is magenta in channel 1's panel.
  assert.deepEqual(pixelAt(img, 16 + 216 + (200 - W * k) / 2 + k * 0.5, y0 + k * 0.5).slice(0, 3), [255, 0, 255]);
  assert.throws(() => plotChannels(tensor('float32', [2, 2, 2, 2, 2], new Float32Array(32))), /expected shape \(C, H, W\)/);
});

test('plotForecast: truth and prediction share a range; the difference is diverging and symmetric', async () => {
  const truth = tensor('float32', [1, H, W], new Float32Array(H * W).fill(1));
  const pred = tensor('float32', [1, H, W], Float32Array.from({ length: H * W }, (_, i) => (i % W < 4 ? 1 : 3)));
  const svg = plotForecast(pred, truth, { names: ['vn'] });
  assert.match(svg, /difference \(RMSE 1\.41\)/);
  const img = decodePng(await svgToPng(svg));
  const k = Math.min(220 / W, (220 - 44) / H), off = (220 - W * k) / 2, y = 8 + 18 + k * 4;
  const scale = new ColorScale('viridis', 1, 3), diff = new ColorScale('coolwarm', -2, 2);
  assert.deepEqual(pixelAt(img, 16 + off + k, y).slice(0, 3), [...scale.rgb(1)!], 'truth = 1 → low end');
  assert.deepEqual(pixelAt(img, 16 + 236 + off + k * 6, y).slice(0, 3), [...scale.rgb(3)!], 'prediction 3 → high end');
  assert.deepEqual(pixelAt(img, 16 + 472 + off + k * 6, y).slice(0, 3), [...diff.rgb(2)!], 'difference +2 → red end');
  assert.deepEqual(pixelAt(img, 16 + 472 + off + k, y).slice(0, 3), [...diff.rgb(0)!], 'difference 0 → centre');
  assert.throws(() => plotForecast(pred, tensor('float32', [1, 4, 4], new Float32Array(16))), /differ in shape/);
});

test('shrinkImage block-averages large images, ignoring NaN', () => {
  const v = Float32Array.from([1, 3, NaN, 4, 5, 7, 8, 8, 0, 0, 2, 2, 0, 0, 2, 2]);
  const s = shrinkImage(v, 4, 4, 2);
  assert.deepEqual([s.H, s.W], [2, 2]);
  [4, 20 / 3, 0, 2].forEach((want, i) => assert.ok(Math.abs(s.v[i]! - want) < 1e-6, `${i}: ${s.v[i]}`));
});
