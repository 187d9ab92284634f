import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocatedError, tensor } from '@weatherlearn/tensor-io';
import { DinoDataError } from './errors.js';
import { extractStateDict } from './io/state-dict.js';
import { readChannelStats } from './embed/channel-stats.js';

test('a checkpoint without a state dict and a corrupt statistics file give DinoDataError naming file and field', () => {
  assert.throws(() => extractStateDict({ epoch: 3, teacher: { x: 1 } }, {}, 'ckpt.pth'),
    (e: unknown) => e instanceof DinoDataError && e instanceof LocatedError && e.file === 'ckpt.pth' && e.field === 'teacher' && /^ckpt\.pth: no state dict found/.test(e.message));
  assert.doesNotThrow(() => extractStateDict({ w: tensor('float32', [1], new Float32Array(1)) }, {}, 'ok.pth'));
  const dir = mkdtempSync(join(tmpdir(), 'wl-dino-err-'));
  try {
    const file = join(dir, 'channel-stats.json');
    writeFileSync(file, JSON.stringify({ format: 'weatherlearn-channel-stats', version: 1, channels: { ir: { mean: 1, std: 0 } } }));
    assert.throws(() => readChannelStats(file), (e: unknown) => e instanceof DinoDataError && e.file === file && e.field === 'channels.ir');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
