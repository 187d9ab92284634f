import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../random/rng.js';
import { Init, initValues, truncNormalSample } from './init.js';

const stats = (a: Float32Array) => {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  const sd = Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / a.length);
  return { m, sd, max: a.reduce((x, v) => Math.max(x, Math.abs(v)), 0) };
};

test('torch-default: Linear weight and bias U(±1/√fan_in) (std bound/√3)', () => {
  const init = new Init({ rng: new Rng(1) });
  const fanIn = 64, bound = 1 / 8;
  const w = stats(init.values([256, fanIn], init.linearWeight(fanIn)));
  const b = stats(init.values([4096], init.linearBias(fanIn)));
  for (const s of [w, b]) {
    assert.ok(s.max <= bound && s.max > 0.98 * bound, `max ${s.max}`);
    assert.ok(Math.abs(s.sd - bound / Math.sqrt(3)) < 0.03 * bound, `std ${s.sd}`);
  }
});

test('trunc-normal: weight std 0.02 with absolute bounds [−2, 2], bias zero', () => {
  const init = new Init({ rng: new Rng(1), scheme: 'trunc-normal' });
  const w = stats(init.values([256, 64], init.linearWeight(64)));
  assert.ok(Math.abs(w.sd - 0.02) < 0.001, `std ${w.sd}`);
  assert.ok(w.max > 0.06, 'absolute bounds ±2 do not cut at 2σ (tf.truncatedNormal would)');
  assert.ok(init.values([8], init.linearBias(64)).every((v) => v === 0));
  // bounds really apply: a std-1 draw cut to [−0.5, 0.5]
  const r = new Rng(3);
  for (let i = 0; i < 1000; i++) assert.ok(Math.abs(truncNormalSample(r, 1, -0.5, 0.5)) <= 0.5);
});

test('meta Init draws nothing; unknown schemes are rejected; values recipe checks its length', () => {
  const rng = new Rng(9), s = rng.state();
  const m = new Init({ rng, meta: true });
  assert.equal(m.values([3, 3], { kind: 'uniform', bound: 1 }).length, 0);
  assert.deepEqual(rng.state(), s);
  assert.throws(() => new Init({ rng, scheme: 'xavier' as never }), /torch-default, trunc-normal.*xavier/);
  assert.throws(() => initValues([2, 2], { kind: 'values', data: new Float32Array(3) }, rng), /3 values for shape \[2, 2\]/);
});
