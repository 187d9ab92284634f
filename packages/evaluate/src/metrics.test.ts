import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Rng } from '@weatherlearn/engine/rng';
import { accumulateFrame, latitudeWeights, MetricSums, maskRuleFor, observedMask, ClimatologyAccumulator, ScorecardAccumulator, scorecardToCsv, parseScorecard } from './index.js';

const C = 2, H = 6, W = 8, N = H * W;

function randomFrames(seed: number, n: number) {
  const r = new Rng(seed);
  return Array.from({ length: n }, () => {
    const mask = Uint8Array.from({ length: N }, () => (r.next() < 0.6 ? 1 : 0));
    const g = () => Float32Array.from({ length: C * N }, () => r.next() * 4 - 2);
    return { forecast: g(), truth: g(), climatology: g(), mask };
  });
}

/** numpy's answer to the same arrays (independent formulas: np.average with weights, masked arrays). */
function numpyMetrics(frames: ReturnType<typeof randomFrames>, w: Float64Array, t: { skip: (m: string) => void }): number[][] | undefined {
  const py = `
import json, sys, numpy as np
d = json.load(sys.stdin)
C, H, W = d['C'], d['H'], d['W']
f = np.array(d['f'], dtype=np.float64).reshape(-1, C, H, W)
o = np.array(d['o'], dtype=np.float64).reshape(-1, C, H, W)
c = np.array(d['c'], dtype=np.float64).reshape(-1, C, H, W)
m = np.array(d['m'], dtype=bool).reshape(-1, 1, H, W)
w = np.cos(np.deg2rad(np.linspace(50, 90, H, endpoint=False) + 20 / H))
w = w / w.mean()
wt = np.broadcast_to(w[None, None, :, None], f.shape) * np.broadcast_to(m, f.shape)
out = []
for ch in range(C):
    ww, e = wt[:, ch].ravel(), (f[:, ch] - o[:, ch]).ravel()
    fa, oa = (f[:, ch] - c[:, ch]).ravel(), (o[:, ch] - c[:, ch]).ravel()
    rmse = np.sqrt(np.average(e ** 2, weights=ww)); mae = np.average(np.abs(e), weights=ww); bias = np.average(e, weights=ww)
    acc = np.sum(ww * fa * oa) / np.sqrt(np.sum(ww * fa ** 2) * np.sum(ww * oa ** 2))
    out.append([rmse, mae, bias, acc, float(m.sum()) / m.size, float(np.abs(w - np.asarray(d['w'])).max())])
print(json.dumps(out))
`;
  const payload = JSON.stringify({ C, H, W, w: Array.from(w), f: frames.flatMap((x) => Array.from(x.forecast)), o: frames.flatMap((x) => Array.from(x.truth)), c: frames.flatMap((x) => Array.from(x.climatology)), m: frames.flatMap((x) => Array.from(x.mask)) });
  const r = spawnSync('python3', ['-c', py], { input: payload, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const msg = `python3 with numpy is needed (Debian python3-numpy): ${r.error?.message ?? r.stderr}`;
    if (process.env.CI === 'true') assert.fail(msg);
    t.skip(msg);
    return undefined;
  }
  return JSON.parse(r.stdout) as number[][];
}

test('masked, latitude-weighted RMSE/MAE/bias/ACC/coverage equal numpy on the same arrays', (t) => {
  const frames = randomFrames(3, 5);
  const w = latitudeWeights(H, 50, 90);
  const sums = [new MetricSums(), new MetricSums()];
  for (const f of frames) accumulateFrame(sums, f, w);
  const ref = numpyMetrics(frames, w, t);
  if (!ref) return;
  sums.forEach((s, c) => {
    const r = s.result();
    const [rmse, mae, bias, acc, cov, wdiff] = ref[c]!;
    assert.ok(wdiff! < 1e-12, `latitude weights differ from numpy's by ${wdiff}`);
    for (const [k, a, b] of [['rmse', r.rmse, rmse], ['mae', r.mae, mae], ['bias', r.bias, bias], ['acc', r.acc, acc], ['coverage', r.coverage, cov]] as const) {
      assert.ok(Math.abs(a - b!) < 1e-9 * Math.max(1, Math.abs(b!)), `channel ${c} ${k}: ours ${a}, numpy ${b}`);
    }
    assert.equal(r.cases, frames.length);
  });
});

test('gaps are never scored: values in unobserved cells change nothing; an empty frame adds only a case', () => {
  const frames = randomFrames(11, 3), w = latitudeWeights(H, 50, 90);
  const a = [new MetricSums(), new MetricSums()], b = [new MetricSums(), new MetricSums()];
  for (const f of frames) accumulateFrame(a, f, w);
  for (const f of frames) {
    const g = { forecast: Float32Array.from(f.forecast), truth: Float32Array.from(f.truth), climatology: Float32Array.from(f.climatology), mask: f.mask };
    for (let c = 0; c < C; c++) for (let i = 0; i < N; i++) if (!f.mask[i]) { g.truth[c * N + i] = 1e6 * (c + 1); g.forecast[c * N + i] = -1e6; g.climatology[c * N + i] = 3e5; }
    accumulateFrame(b, g, w);
  }
  assert.deepEqual(b.map((s) => s.toJSON()), a.map((s) => s.toJSON()));
  accumulateFrame(b, { ...frames[0]!, mask: new Uint8Array(N) }, w);
  b.forEach((s, c) => assert.deepEqual(s.toJSON().slice(0, 8), a[c]!.toJSON().slice(0, 8)));
  assert.equal(b[0]!.cases, 4);
  const empty = new MetricSums();
  accumulateFrame([empty, new MetricSums()], { ...frames[0]!, mask: new Uint8Array(N) }, w);
  assert.ok(Number.isNaN(empty.result().rmse), 'nothing observed → no score, not 0');
  assert.equal(empty.result().coverage, 0);
});

test('merging per-worker sums equals one pass; JSON round trip is exact', () => {
  const frames = randomFrames(5, 6), w = latitudeWeights(H, 50, 90);
  const one = [new MetricSums(), new MetricSums()], p = [new MetricSums(), new MetricSums()], q = [new MetricSums(), new MetricSums()];
  frames.forEach((f, i) => { accumulateFrame(one, f, w); accumulateFrame(i % 2 ? p : q, f, w); });
  p.forEach((s, c) => s.merge(MetricSums.fromJSON(q[c]!.toJSON())));
  p.forEach((s, c) => { const x = s.result(), y = one[c]!.result(); for (const k of ['rmse', 'mae', 'bias', 'acc'] as const) assert.ok(Math.abs(x[k] - y[k]) < 1e-12); });
});

test('persistence against persistence has skill exactly 0; climatology has ACC exactly 0', () => {
  const frames = randomFrames(8, 4), w = latitudeWeights(H, 50, 90);
  const card = new ScorecardAccumulator(['vel.median', 'pwr.median']);
  for (const f of frames) {
    accumulateFrame(card.get('persistence', 1), f, w);
    accumulateFrame(card.get('climatology', 1), { ...f, forecast: f.climatology }, w);
    accumulateFrame(card.get('model', 1), { ...f, forecast: f.forecast.map((v, i) => 0.5 * (v + f.truth[i]!)) }, w);
  }
  const rows = card.build({ note: 'x' }, 10).rows;
  for (const r of rows.filter((r) => r.model === 'persistence')) assert.equal(r.skill_vs_persistence, 0);
  for (const r of rows.filter((r) => r.model === 'climatology')) { assert.equal(r.acc, 0); assert.equal(r.skill_vs_climatology, 0); }
  for (const r of rows.filter((r) => r.model === 'model')) { assert.ok(r.skill_vs_persistence! > 0.5, `halving the error is skilful: ${r.skill_vs_persistence}`); assert.equal(r.lead_minutes, 10); }
  const csv = scorecardToCsv(card.build());
  assert.equal(csv.split('\n')[0], 'model,lead,lead_minutes,channel,rmse,mae,bias,acc,skill_vs_persistence,skill_vs_climatology,coverage,cases');
  assert.equal(csv.trim().split('\n').length, 1 + 6);
  assert.deepEqual(parseScorecard(JSON.stringify(card.build())).rows, card.build().rows);
  assert.throws(() => parseScorecard('{"rows":[{"model":1}]}', 'x.json'), /x\.json: rows\[0\] needs model/);
});

test('mask rule: coverage before count, else any non-zero channel (said in the description)', () => {
  assert.deepEqual(maskRuleFor(['vel.median', 'count', 'coverage']).channel, 2);
  assert.deepEqual(maskRuleFor(['vel.median', 'count']).channel, 1);
  // polar CONVMAP grids: model drift and boundary distance are non-zero everywhere, occupancy marks coverage
  assert.deepEqual(maskRuleFor(['obs_vn', 'obs_ve', 'model_vn', 'model_ve', 'occupancy', 'boundary_dist']).channel, 4);
  const fb = maskRuleFor(['vel.median', 'pwr.median']);
  assert.equal(fb.kind, 'any-nonzero');
  assert.match(fb.description, /fallback/);
  const frame = Float32Array.from([0, 5, 0, 0, /* ch1 */ 0, 0, 0, 2]);
  assert.deepEqual([...observedMask(frame, 2, fb)], [0, 1, 0, 1]);
  assert.deepEqual([...observedMask(frame, 2, maskRuleFor(['v', 'count']))], [0, 0, 0, 1]);
  assert.deepEqual([...observedMask(Float32Array.from([1, 1, NaN, -1]), 1, maskRuleFor(['coverage']))], [1, 1, 0, 0]);
});

test('climatology: per-cell mean over observed frames only, per UTC hour on request, with fallbacks', () => {
  const rule = maskRuleFor(['v', 'count']);
  const acc = new ClimatologyAccumulator(2, 2, rule, { hourOfDay: true });
  const t0 = Date.UTC(2014, 0, 1, 3), t1 = Date.UTC(2014, 0, 2, 3), t2 = Date.UTC(2014, 0, 1, 7);
  acc.add(Float32Array.from([10, 99, 1, 0]), t0); // cell 1 unobserved: its 99 must not count
  acc.add(Float32Array.from([20, 4, 1, 1]), t1);
  acc.add(Float32Array.from([-6, 0, 2, 0]), t2);
  const c = acc.result();
  assert.deepEqual([...c.at(t0).subarray(0, 2)], [15, 4]);
  assert.deepEqual([...c.at(t2).subarray(0, 2)], [-6, 4]); // cell 1 never seen at 07 UTC → pooled over hours
  assert.deepEqual([...c.at(Date.UTC(2014, 0, 1, 12)).subarray(0, 2)], [8, 4]); // hour never seen → pooled
  const flat = new ClimatologyAccumulator(1, 2, maskRuleFor(['coverage']));
  flat.add(Float32Array.from([0, 0]), t0);
  assert.deepEqual([...flat.result().at(t0)], [0, 0]);
});
