import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pangu } from './pangu.js';
import { PANGU_PRESETS, type PanguConfig } from './config.js';
import { panguConfigFromReference } from './reference-config.js';
import { needsRef, refConfig } from '../test/helpers.js';

/** Parameter count derived by hand from the architecture (independent of the model code). */
function formula(c: PanguConfig): number {
  const C = c.embedDim;
  const [H, W] = c.gridSize;
  const [ph, pw] = c.patchSize2d;
  const pp = c.patchSize3d[0];
  const [wp, wl, wo] = c.windowSize;
  const lat = Math.ceil(H / ph), lon = Math.ceil(W / pw);
  const pl = 1 + (c.upperLevels ? Math.ceil(c.upperLevels / pp) : 0);
  const types = (p: number, y: number) => Math.ceil(p / wp) * Math.ceil(y / wl);
  const rows = wp * wp * wl * wl * (2 * wo - 1);
  const block = (d: number, heads: number, t: number) => {
    const hidden = Math.floor(d * c.mlpRatio);
    return 4 * d + 3 * d * d + (c.qkvBias ? 3 * d : 0) + d * d + d + d * hidden + hidden + hidden * d + d + rows * t * heads;
  };
  const t1 = types(pl, lat), t2 = types(pl, Math.ceil(lat / 2));
  let n = 0;
  n += c.depths[0] * block(C, c.numHeads[0], t1) + c.depths[3] * block(C, c.numHeads[3], t1);
  n += c.depths[1] * block(2 * C, c.numHeads[1], t2) + c.depths[2] * block(2 * C, c.numHeads[2], t2);
  n += (c.surfaceChans + c.surfaceMaskChans) * ph * pw * C + C;
  if (c.upperLevels) n += c.upperChans * pp * ph * pw * C + C;
  n += 4 * C * 2 * C + 2 * 4 * C; // DownSample: Linear(4C→2C, no bias) + LayerNorm(4C)
  n += 2 * C * 4 * C + C * C + 2 * C; // UpSample: Linear(2C→4C) + Linear(C→C), no biases, LayerNorm(C)
  const rin = C * (1 + c.timeStep);
  n += rin * c.surfaceChans * ph * pw + c.surfaceChans;
  if (c.upperLevels) n += rin * c.upperChans * pp * ph * pw + c.upperChans;
  return n;
}

for (const [name, cfg] of Object.entries(PANGU_PRESETS)) {
  test(`parameter count of preset ${name} matches the formula`, () => {
    const m = new Pangu(cfg, true); // meta build: nothing allocated
    assert.equal(m.parameterCount(), formula(cfg));
  });
}

test('pangu-weather: 8×181×360 tokens, 124 window types, bias of 3312 rows', () => {
  const m = new Pangu(PANGU_PRESETS['pangu-weather']!, true);
  assert.deepEqual(m.geometry.tokens, [8, 181, 360]);
  assert.deepEqual(m.geometry.tokensDown, [8, 91, 180]);
  assert.equal(m.geometry.stage1.typeOfWindows, 124);
  assert.equal(m.geometry.stage2.typeOfWindows, 64);
  assert.equal(m.layer1.blocks[0]!.attn.earthPositionBiasTable, null); // meta: not allocated
  assert.deepEqual(m.entries.find((e) => e.key === 'layer1.blocks.0.attn.earth_position_bias_table')!.shape, [3312, 124, 6]);
});

test('superdarn timeStep 3 widens the patch recovery to C·(1+T)', () => {
  const cfg = { ...PANGU_PRESETS.superdarn!, timeStep: 3 };
  const m = new Pangu(cfg, true);
  assert.equal(m.patchrecovery2d.inChans, 128 * 4);
  assert.equal(m.parameterCount(), formula(cfg));
});

test('the reference model has exactly the parameters of weights.pt (keys and shapes from config.json)', { skip: needsRef }, () => {
  const json = refConfig();
  const keys = json.state_dict_keys as { key: string; shape: number[] }[];
  const m = new Pangu(panguConfigFromReference(json), true);
  assert.deepEqual(m.entries.map((e) => [e.key, e.shape]), keys.map((k) => [k.key, k.shape]));
  assert.equal(m.parameterCount(), keys.reduce((n, k) => n + k.shape.reduce((a, b) => a * b, 1), 0));
});
