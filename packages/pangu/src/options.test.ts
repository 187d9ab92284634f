import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import { Pangu } from './pangu.js';
import { PANGU_PRESETS, panguPreset } from './config.js';

before(async () => { await initEngine({ backend: 'wasm' }); });

const tiny = {
  embedDim: 8, numHeads: [2, 2, 2, 2] as [number, number, number, number], depths: [2, 2, 2, 2] as [number, number, number, number],
  windowSize: [2, 4, 4] as [number, number, number], shiftSize: [1, 2, 2] as [number, number, number], seed: 3,
};

test('downsample: "half" halves the token grid (75 → 38), "seed" uses grid // 6 (75 → 50) as the SuperDARN seed', () => {
  const half = new Pangu(PANGU_PRESETS.superdarn!, true);
  const seed = new Pangu({ ...PANGU_PRESETS.superdarn!, downsample: 'seed' }, true);
  assert.deepEqual(half.geometry.tokensDown, [1, 38, 38]);
  assert.deepEqual(seed.geometry.tokensDown, [1, 50, 50]);
  // the seed pads 75 → 100 before the 2×2 merge: layers 2/3 work on (1, 50, 50) padded to (2, 56, 64) windows
  assert.deepEqual(seed.geometry.stage2.padResolution, [2, 56, 64]);
  assert.deepEqual(seed.layer2.blocks[0]!.o.inputResolution, [1, 50, 50]);
  assert.throws(() => new Pangu({ ...PANGU_PRESETS.superdarn!, patchSize2d: [8, 8], downsample: 'seed' }, true),
    /downsample "seed": gridSize 300×300 gives a down-sampled latitude of 50 tokens, which must lie in \[⌈38\/2⌉, 38\]/);
  assert.throws(() => panguPreset('superdarn', { downsample: 'quarter' as never }), /PanguConfig\.downsample must be one of "half", "seed"/);
});

test('downsample "seed": a real forward has the seed\'s layer-2 token count and the input\'s output shape', () => {
  const m = new Pangu(panguPreset('superdarn', { ...tiny, gridSize: [48, 48], downsample: 'seed', dropPathRate: 0 }));
  const shapes = new Map<string, number[]>();
  tf.tidy(() => {
    const out = m.apply({ surface: tf.randomNormal([2, 5, 48, 48], 0, 1, 'float32', 1) as tf.Tensor4D }, {
      capture: (n, t) => shapes.set(n, t.shape),
    });
    assert.deepEqual(out.surface.shape, [2, 5, 48, 48]);
  });
  assert.deepEqual(shapes.get('after_layer1'), [2, 12 * 12, 8]);
  assert.deepEqual(shapes.get('after_downsample'), [2, 8 * 8, 16], '48 // 6 = 8 (half would give 6)');
  assert.deepEqual(shapes.get('after_upsample'), [2, 12 * 12, 8]);
  m.dispose();
});

test('init: "torch-default" draws Linear weights and biases U(±1/√fan_in); "trunc-normal" std 0.02, zero bias', () => {
  const stats = (v: tf.Variable) => tf.tidy(() => {
    const { variance } = tf.moments(v);
    return { std: Math.sqrt(variance.dataSync()[0]!), maxAbs: tf.max(tf.abs(v)).dataSync()[0]! };
  });
  const cfg = panguPreset('superdarn', { ...tiny, embedDim: 32, numHeads: [2, 4, 4, 2], gridSize: [16, 16] });
  const a = new Pangu(cfg);
  const b = new Pangu({ ...cfg, init: 'trunc-normal' });
  assert.equal(a.config.init, 'torch-default', 'the default is the originals\' init');
  const fc1 = (m: Pangu) => m.layer2.blocks[0]!.mlp.fc1; // Linear(64 → 256): bound 1/8
  const wa = stats(fc1(a).weight), ba = stats(fc1(a).bias!);
  assert.ok(wa.maxAbs <= 0.125 && wa.maxAbs > 0.12 && Math.abs(wa.std - 0.125 / Math.sqrt(3)) < 0.003, JSON.stringify(wa));
  assert.ok(ba.maxAbs > 0.1 && ba.maxAbs <= 0.125, 'torch-default biases are not zero');
  const wb = stats(fc1(b).weight), bb = stats(fc1(b).bias!);
  assert.ok(Math.abs(wb.std - 0.02) < 0.001, JSON.stringify(wb));
  assert.equal(bb.maxAbs, 0);
  // not Linear: the bias table is trunc-normal(0.02) and the patch embedding torch's Conv init in both
  for (const m of [a, b]) {
    assert.ok(Math.abs(stats(m.layer1.blocks[0]!.attn.earthPositionBiasTable).std - 0.02) < 0.002);
    assert.ok(stats(m.patchembed2d.bias).maxAbs > 0);
  }
  assert.throws(() => panguPreset('superdarn', { init: 'xavier' as never }), /PanguConfig\.init must be one of "torch-default", "trunc-normal"/);
  a.dispose(); b.dispose();
});

test('seed: the default config builds the same weights every time, another seed other weights; null is an error', () => {
  const { seed: _drop, ...unseeded } = tiny;
  const cfg = panguPreset('superdarn', { ...unseeded, gridSize: [16, 16] });
  assert.equal(cfg.seed, 0, 'the default seed is 0');
  const weights = (m: Pangu) => m.layer1.blocks[0]!.mlp.fc1.weight.dataSync();
  const [a, b, c] = [new Pangu(cfg), new Pangu(cfg), new Pangu({ ...cfg, seed: 1 })];
  assert.deepEqual(weights(a), weights(b));
  assert.notDeepEqual(weights(a), weights(c));
  assert.throws(() => panguPreset('superdarn', { seed: null as never }), /PanguConfig\.seed must be an integer in \[0, 2\^32\), got null \(null no longer draws a random seed/);
  assert.throws(() => panguPreset('superdarn', { seed: 1.5 }), /PanguConfig\.seed must be an integer/);
  a.dispose(); b.dispose(); c.dispose();
});

test('dropPathSchedule: "pangu" gives layers 1/4 linspace[:d1], "seed" gives them linspace[d1:] like layers 2/3', () => {
  const rates = (schedule: 'pangu' | 'seed') => {
    const m = new Pangu({ ...PANGU_PRESETS.superdarn!, dropPathSchedule: schedule }, true);
    return [m.layer1, m.layer2, m.layer3, m.layer4].map((l) => l.blocks.map((b) => +b.drop_path.p.toFixed(4)));
  };
  const lin = (k: number) => +((0.2 * k) / 7).toFixed(4); // linspace(0, 0.2, 8)
  const inner = [2, 3, 4, 5, 6, 7].map(lin);
  assert.deepEqual(rates('pangu'), [[0, lin(1)], inner, inner, [0, lin(1)]]);
  assert.deepEqual(rates('seed'), [[0.0571, 0.0857], inner, inner, [0.0571, 0.0857]], 'the notes\' 0.057, 0.086');
});

test('DropPath and latent noise draw from the forward rng: same state, same output; no rng in training is an error', () => {
  const m = new Pangu(panguPreset('superdarn', { ...tiny, gridSize: [16, 16], dropPathRate: 0.5, noiseFactor: 0.1 }));
  const x = tf.randomNormal([4, 5, 16, 16], 0, 1, 'float32', 2) as tf.Tensor4D;
  const run = (rng: Rng) => tf.tidy(() => Array.from(m.apply({ surface: x }, { training: true, rng, latentNoise: 0.1 }).surface.dataSync()));
  const rng = new Rng(11);
  const saved = rng.state();
  const first = run(rng);
  assert.deepEqual(run(Rng.fromState(saved)), first, 'a resumed generator reproduces the step');
  assert.notDeepEqual(run(rng), first);
  assert.throws(() => m.apply({ surface: x }, { training: true, latentNoise: 0.1 }), /Pangu latent noise: training with rate 0\.1 needs a seeded generator/);
  assert.throws(() => m.apply({ surface: x }, { training: true }), /EarthSpecificBlock \(layer1\.blocks\.1\): training with rate/);
  x.dispose();
  m.dispose();
});
