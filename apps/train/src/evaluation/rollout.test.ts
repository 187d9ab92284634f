import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '@weatherlearn/engine';
import type { DatasetFromPresaved } from '@weatherlearn/superdarn';
import type { EvalData } from './data.js';
import type { ForecastModel } from './model.js';
import { rollout } from './rollout.js';

// Issue 23 leftover 3: a model with pangu.inputFrames k > 1 rolls out with the k − 1 earlier frames,
// first from the dataset, then its own forecasts (the window slides as training stacks it).
test('multi-frame rollout: earlier frames from the dataset, then the states stepped from, oldest first', async () => {
  await initEngine({ backend: 'cpu' });
  const C = 1, H = 1, W = 2, per = C * H * W;
  // frame f of the dataset is filled with the value 10·f (raw); statistics mean 1, std 2
  const frame = (f: number) => new Float32Array(per).fill(10 * f);
  const dataset = { framesBefore: async (f: number, k: number) => Array.from({ length: k - 1 }, (_, m) => frame(f - (k - 1) + m)) } as unknown as DatasetFromPresaved;
  Object.assign(dataset, { index: { config: { windowMinutes: 2 } } });
  const d = { dataset, dir: 'ds', shape: [C, H, W], stats: { mean: [1], std: [2] }, stepMs: 120_000 } as unknown as EvalData;
  const seen: number[][] = [];
  const model: ForecastModel = {
    name: 'm', condDim: 0, inputFrames: 3, dispose: () => {},
    // the next state is x + 1 (normalised units); record the history channels' first pixel
    step: (x, _c, h) => { seen.push(Array.from(h!.dataSync()).filter((_, i) => i % per === 0)); return tf.tidy(() => tf.add(x, 1)) as tf.Tensor4D; },
  };
  const n = (raw: number) => (raw - 1) / 2;
  const leads: number[] = [];
  for await (const f of rollout(model, d, [frame(5)], 3, [5])) leads.push(f.frames[0]![0]!);
  assert.deepEqual(seen[0], [n(30), n(40)], 'lead 1: frames 3 and 4 from the dataset');
  assert.deepEqual(seen[1], [n(40), n(50)], 'lead 2: frame 4 and the initial frame 5');
  assert.deepEqual(seen[2], [n(50), n(50) + 1], 'lead 3: the initial frame and the lead-1 forecast');
  assert.deepEqual(leads, [52, 54, 56], 'de-normalised forecasts');
  await assert.rejects(async () => { for await (const _ of rollout(model, d, [frame(5)], 1)) void _; }, /earlier frames/);
  // a dataset whose target is two windows ahead: the stacked windows would not match training
  await assert.rejects(async () => { for await (const _ of rollout(model, { ...d, stepMs: 240_000 }, [frame(5)], 1, [5])) void _; }, /--time-step 1.*steps 4 min with 2-min windows/);
});
