/**
 * Scoring throughput and peak memory of the streaming evaluation: frames of C = 5 channels on a
 * 300×300 MLAT grid (the SuperDARN default), each scored for three forecasts (a model, persistence,
 * climatology) with coverage masks and cos-latitude weights, after a climatology pass over the
 * same number of training frames. Frames are generated one at a time (as the evaluator reads
 * shards), so memory must stay flat in the frame count. Environment (bench only):
 * WEATHERLEARN_BENCH_FRAMES (default 10000), WEATHERLEARN_BENCH_GRID (default 300).
 */
import { accumulateFrame, ClimatologyAccumulator, latitudeWeights, maskRuleFor, observedMask, ScorecardAccumulator } from '../src/index.js';

interface Row { name: string; value: number; unit: string }

export default async function bench(): Promise<Row[]> {
  const frames = Number(process.env.WEATHERLEARN_BENCH_FRAMES ?? 10_000), G = Number(process.env.WEATHERLEARN_BENCH_GRID ?? 300);
  const channels = ['vel.median', 'vel.sd', 'pwr.median', 'wdt.median', 'count'], C = channels.length, N = G * G;
  const rule = maskRuleFor(channels), w = latitudeWeights(G, 50, 90);
  const frame = new Float32Array(C * N), forecast = new Float32Array(C * N), mask = new Uint8Array(N);
  let seed = 1;
  const fill = (k: number) => {
    for (let i = 0; i < N; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      const seen = seed % 10 < 3; // ~30 % coverage, as a busy SuperDARN hour
      for (let c = 0; c < C - 1; c++) frame[c * N + i] = seen ? Math.sin(i * 0.001 + k * 0.1 + c) * 500 : 0;
      frame[(C - 1) * N + i] = seen ? 1 + (seed % 3) : 0;
    }
  };
  const t0 = performance.now();
  const clim = new ClimatologyAccumulator(C, N, rule);
  for (let k = 0; k < Math.min(frames, 2000); k++) { fill(k); clim.add(frame, k * 120_000); }
  const c = clim.result().at(0);
  const tClim = performance.now();
  const card = new ScorecardAccumulator(channels);
  let prev = Float32Array.from(frame);
  for (let k = 0; k < frames; k++) {
    fill(k);
    observedMask(frame, C, rule, mask);
    for (let i = 0; i < C * N; i++) forecast[i] = 0.9 * frame[i]! + 0.1 * c[i]!;
    accumulateFrame(card.get('model', 1), { forecast, truth: frame, climatology: c, mask }, w);
    accumulateFrame(card.get('persistence', 1), { forecast: prev, truth: frame, climatology: c, mask }, w);
    accumulateFrame(card.get('climatology', 1), { forecast: c, truth: frame, climatology: c, mask }, w);
    prev.set(frame);
  }
  const t1 = performance.now();
  prev = new Float32Array(0);
  if (card.build().rows.length !== 3 * C) throw new Error('bench: unexpected scorecard');
  return [
    { name: `evaluate: frames scored/s (grid ${G}, C ${C}, 3 forecasts, ${frames} frames)`, value: frames / ((t1 - tClim) / 1000), unit: 'frames/s' },
    { name: `evaluate: climatology frames/s (grid ${G})`, value: Math.min(frames, 2000) / ((tClim - t0) / 1000), unit: 'frames/s' },
    { name: 'evaluate: peak resident memory', value: process.resourceUsage().maxRSS / 1024, unit: 'MiB' },
  ];
}
