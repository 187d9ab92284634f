import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelModes, resolveGridConfig } from './config.js';
import { splatPoints } from './splat.js';

// Two overlapping vectors 1° apart on 1° pixels (issue 22 item 3): the seed's sum exceeded both.
const c = resolveGridConfig({ gridSize: 40, extent: { latMin: 50, latMax: 90, lonMin: 0, lonMax: 40 }, channels: ['vel.median', 'kvect', 'stid', 'coverage'] });
const pts = { lat: [60.5, 60.5], lon: [20.5, 21.5], values: [[600, 500], [170, -170], [64, 65], [1, 1]] };
const at = (img: Float32Array, ch: number, i: number, j: number) => img[ch * 1600 + i * 40 + j];

test('default gridding is physical: weighted mean bounded by the inputs, circular mean of azimuths, nearest station id, coverage = Σw', () => {
  assert.equal(c.accumulate, 'mean', 'the default');
  assert.deepEqual(channelModes(c), ['mean', 'circular', 'nearest', 'weight']);
  const img = splatPoints(pts, c, undefined, channelModes(c));
  let maxV = 0;
  for (let k = 0; k < 1600; k++) maxV = Math.max(maxV, Math.abs(img[k]));
  assert.ok(maxV <= 600 + 1e-3, `|vel| ${maxV} must not exceed the largest input 600`);
  // pixel (10, 20) is centred on vector 0 (weight 1); vector 1 is 1° away (weight e^-½)
  const w = Math.exp(-0.5);
  assert.ok(Math.abs(at(img, 0, 10, 20) - (600 + 500 * w) / (1 + w)) < 1e-3);
  // 170° and −170°: the circular mean is near 180° (the arithmetic mean would be ~39°)
  const r = Math.PI / 180;
  const expected = Math.atan2(Math.sin(170 * r) + w * Math.sin(-170 * r), Math.cos(170 * r) + w * Math.cos(-170 * r)) / r;
  assert.ok(Math.abs(at(img, 1, 10, 20) - expected) < 1e-3 && expected > 175, `kvect ${at(img, 1, 10, 20)} vs ${expected}`);
  assert.equal(at(img, 2, 10, 20), 64, 'stid of the nearer vector, not a sum');
  assert.equal(at(img, 2, 10, 21), 65);
  assert.ok(Math.abs(at(img, 3, 10, 20) - (1 + w)) < 1e-5, 'coverage: summed weight');
  assert.equal(at(img, 3, 30, 5), 0, 'unobserved pixels have coverage 0');
  assert.equal(at(img, 0, 30, 5), 0);
});

test('--accumulate sum keeps the seed: every channel a weighted sum (exceeds the inputs where kernels overlap)', () => {
  const seed = resolveGridConfig({ ...c, accumulate: 'sum' });
  assert.deepEqual(channelModes(seed), ['sum', 'sum', 'sum', 'sum']);
  const img = splatPoints(pts, seed, undefined, channelModes(seed));
  assert.ok(at(img, 0, 10, 20) > 600, 'the non-physical seed value');
  assert.ok(Math.abs(at(img, 2, 10, 20) - (64 + 65 * Math.exp(-0.5))) < 1e-3, 'summed weighted ids');
});
