import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Rng } from '@weatherlearn/engine/rng';
import { antialiasBicubicMatrix, resizedCrop, type Box, type FloatImage } from './image-ops.js';
import { DataAugmentationDINO, DEFAULT_MULTI_CROP_CONFIG } from './multi-crop.js';

const H = 40, W = 33, C = 2;
const value = (c: number, y: number, x: number) => Math.sin(0.37 * y + 0.011 * x * x + c) * 10 + y - 0.5 * x;
const img: FloatImage = { channels: C, height: H, width: W, data: Float32Array.from({ length: C * H * W }, (_, i) => value(Math.floor(i / (H * W)), Math.floor(i / W) % H, i % W)) };
/** [box, outH, outW]: downscale both axes, upscale both, and one of each. */
const CASES: [Box, number, number][] = [
  [{ top: 2, left: 1, height: 37, width: 29 }, 12, 10],
  [{ top: 10, left: 20, height: 5, width: 7 }, 9, 11],
  [{ top: 0, left: 3, height: 30, width: 6 }, 10, 13],
];

/** torch's own numbers for CASES (F.interpolate bicubic, align_corners=False, with and without antialias). */
function torchReference(): { aa: number[][]; plain: number[][] } | string {
  const py = `
import json, math, torch, torch.nn.functional as F
H, W, C = ${H}, ${W}, ${C}
x = torch.tensor([[[math.sin(0.37*y + 0.011*xx*xx + c)*10 + y - 0.5*xx for xx in range(W)] for y in range(H)] for c in range(C)], dtype=torch.float64)[None]
cases = ${JSON.stringify(CASES.map(([b, h, w]) => [b.top, b.left, b.height, b.width, h, w]))}
out = {'aa': [], 'plain': []}
for t, l, h, w, oh, ow in cases:
    crop = x[:, :, t:t+h, l:l+w]
    out['aa'].append(F.interpolate(crop, size=(oh, ow), mode='bicubic', align_corners=False, antialias=True).flatten().tolist())
    out['plain'].append(F.interpolate(crop, size=(oh, ow), mode='bicubic', align_corners=False).flatten().tolist())
print(json.dumps(out))
`;
  const why: string[] = [];
  for (const exe of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(exe, ['-c', py], { encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0) return JSON.parse(r.stdout) as { aa: number[][]; plain: number[][] };
    why.push(`${exe}: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`);
  }
  return `python3 with torch ≥ 1.11 is needed for the antialias reference (${why.join('; ')})`;
}

test('antialiased bicubic resize equals torch F.interpolate(antialias=True); antialias false equals plain bicubic', (t) => {
  const ref = torchReference();
  if (typeof ref === 'string') {
    if (process.env.CI === 'true') assert.fail(ref);
    t.skip(ref);
    return;
  }
  CASES.forEach(([box, oh, ow], k) => {
    for (const [aa, want] of [[true, ref.aa[k]!], [false, ref.plain[k]!]] as const) {
      const got = resizedCrop(img, box, oh, ow, aa).data;
      assert.equal(got.length, want.length);
      const err = Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]!)));
      assert.ok(err < 1e-4, `case ${k} antialias=${aa}: max abs error ${err}`);
    }
  });
  // the two differ where it matters: a 3× downscale of a fine pattern
  const a = resizedCrop(img, CASES[0]![0], 12, 10, true).data, p = resizedCrop(img, CASES[0]![0], 12, 10, false).data;
  assert.ok(Math.max(...Array.from(a, (v, i) => Math.abs(v - p[i]!))) > 0.1);
});

test('antialias matrix rows sum to 1 and widen with the downscale factor (a low-pass filter)', () => {
  for (const [n, m] of [[96, 24], [24, 96], [50, 49]] as const) {
    const mat = antialiasBicubicMatrix(n, m);
    for (let i = 0; i < m; i++) {
      const row = mat.subarray(i * n, (i + 1) * n);
      assert.ok(Math.abs(row.reduce((s, v) => s + v, 0) - 1) < 1e-12);
    }
  }
  const taps = (n: number, m: number) => antialiasBicubicMatrix(n, m).subarray(m / 2 * n, (m / 2 + 1) * n).filter((v) => v !== 0).length;
  assert.equal(taps(96, 24), 16, '4× down: 16 taps');
  assert.equal(taps(24, 96), 4, 'upscaling: 4 taps');
});

test('DataAugmentationDINO: local crops 96 px by default, antialiased, sizes settable and validated', () => {
  assert.equal(DEFAULT_MULTI_CROP_CONFIG.localCropSize, 96);
  assert.equal(DEFAULT_MULTI_CROP_CONFIG.antialias, true);
  const views = new DataAugmentationDINO({ globalCropSize: 32, localCropsNumber: 1 }).apply(img, new Rng(3));
  assert.deepEqual(views.map((v) => v.height), [32, 32, 96]);
  const opts = { globalCropSize: 16, localCropSize: 8, localCropsNumber: 2, blurP: [0, 0, 0] as [number, number, number], solarizeP: 0 };
  const on = new DataAugmentationDINO(opts).apply(img, new Rng(4));
  const off = new DataAugmentationDINO({ ...opts, antialias: false }).apply(img, new Rng(4));
  assert.notDeepEqual(on[2]!.data, off[2]!.data, 'the option reaches the local crops');
  assert.throws(() => new DataAugmentationDINO({ localCropSize: 0 }), /localCropSize must be a positive integer/);
  assert.throws(() => new DataAugmentationDINO({ solarizeP: 2 }), /solarizeP must be in \[0, 1\]/);
});
