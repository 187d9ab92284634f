import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '@weatherlearn/engine/rng';
import { accumulateFrame, ClimatologyAccumulator, latitudeWeights, maskRuleFor, ScorecardAccumulator } from './index.js';

/**
 * On pure noise (i.i.d. frames, nothing to predict) no forecast beats climatology beyond sampling
 * noise — not even one fitted to the training frames (per-channel least squares f = a·x + b, the best
 * linear model): skill vs climatology stays ≤ a small bound, and persistence is far worse (≈ −1).
 */
test('pure noise: a fitted model and persistence do not beat climatology', () => {
  const C = 2, H = 8, W = 8, N = H * W, channels = ['vel.median', 'count'];
  const r = new Rng(21);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
  const frame = () => {
    const f = new Float32Array(C * N);
    for (let i = 0; i < N; i++) { const seen = r.next() < 0.5; f[N + i] = seen ? 1 + Math.floor(r.next() * 3) : 0; f[i] = seen ? 300 + 100 * gauss() : 0; }
    return f;
  };
  const train = Array.from({ length: 300 }, frame), test = Array.from({ length: 300 }, frame);
  const rule = maskRuleFor(channels);
  const climAcc = new ClimatologyAccumulator(C, N, rule);
  train.forEach((f) => climAcc.add(f, 0));
  const clim = climAcc.result().at(0);
  // least squares per channel on consecutive training pairs (observed target cells only)
  const fit = Array.from({ length: C }, (_, c) => {
    let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (let k = 0; k + 1 < train.length; k++) for (let i = 0; i < N; i++) {
      if (!(train[k + 1]![N + i]! > 0)) continue;
      const x = train[k]![c * N + i]!, y = train[k + 1]![c * N + i]!;
      n++; sx += x; sy += y; sxx += x * x; sxy += x * y;
    }
    const a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return { a, b: (sy - a * sx) / n };
  });
  const w = latitudeWeights(H, 50, 90), card = new ScorecardAccumulator(channels), mask = new Uint8Array(N);
  for (let k = 0; k + 1 < test.length; k++) {
    const x = test[k]!, y = test[k + 1]!;
    for (let i = 0; i < N; i++) mask[i] = y[N + i]! > 0 ? 1 : 0;
    const fitted = x.map((v, j) => fit[Math.floor(j / N)]!.a * v + fit[Math.floor(j / N)]!.b);
    accumulateFrame(card.get('fitted', 1), { forecast: fitted, truth: y, climatology: clim, mask }, w);
    accumulateFrame(card.get('persistence', 1), { forecast: x, truth: y, climatology: clim, mask }, w);
    accumulateFrame(card.get('climatology', 1), { forecast: clim, truth: y, climatology: clim, mask }, w);
  }
  const rows = card.build().rows;
  const get = (m: string) => rows.find((row) => row.model === m && row.channel === 'vel.median')!;
  assert.ok(get('fitted').skill_vs_climatology! < 0.02, `fitted model on noise: skill vs climatology ${get('fitted').skill_vs_climatology}`);
  assert.ok(get('persistence').skill_vs_climatology! < -0.5, `persistence on noise: ${get('persistence').skill_vs_climatology}`);
  assert.ok(Math.abs(get('fitted').acc!) < 0.1, `ACC of a forecast of noise: ${get('fitted').acc}`);
  assert.ok(Math.abs(get('fitted').coverage - 0.5) < 0.05);
});
