import { test } from 'node:test';
import assert from 'node:assert/strict';
import { panguConfigFrom } from './pangu.js';
import { DEFAULT_APP_CONFIG } from '../config/schema.js';

// pangu.lossMaskChannels (names of the dataset's channels or indices) and pangu.lossMaskMode reach the model config.
const channels = ['obs_vn', 'obs_ve', 'model_vn', 'model_ve', 'occupancy', 'boundary_dist'];
const cfg = (o: object) => ({ ...DEFAULT_APP_CONFIG, pangu: { ...DEFAULT_APP_CONFIG.pangu, preset: 'superdarn', loss: 'smooth-l1' as const, lossMask: 'occupancy' as const, ...o } });
const from = (o: object) => panguConfigFrom(cfg(o), [6, 16, 16], { channels });

test('lossMaskChannels by name, by index (a number or the string --set gives) and the mode', () => {
  const p = from({ lossMaskChannels: ['obs_vn', 1], lossMaskMode: 'hard' });
  assert.equal(p.lossMaskChannel, 4);
  assert.deepEqual(p.lossMaskChannels, [0, 1]);
  assert.equal(p.lossMaskMode, 'hard');
  assert.deepEqual(from({ lossMaskChannels: ['5'] }).lossMaskChannels, [5]);
  const d = from({});
  assert.deepEqual(d.lossMaskChannels, []);
  assert.equal(d.lossMaskMode, 'soft');
});

test('a lossMaskChannels entry that is not a channel is refused, naming the key and the channels', () => {
  assert.throws(() => from({ lossMaskChannels: ['obs_vx'] }), /"pangu.lossMaskChannels": "obs_vx" is not a channel of the dataset \(channels: obs_vn, obs_ve, model_vn, model_ve, occupancy, boundary_dist\)/);
  assert.throws(() => from({ lossMaskChannels: [6] }), /"pangu.lossMaskChannels": 6 is not a channel/);
});
