import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, registerBackendCandidate, unregisterBackendCandidate } from '@weatherlearn/engine';
import { createTorchCandidate, torchBackendCandidate } from './register.js';
import { TORCH_SKIP } from './testing.js';

test('the engine skips a torch candidate whose addon is missing, saying why, and falls back', async () => {
  registerBackendCandidate({ ...createTorchCandidate({ addonPath: '/nonexistent/tfjs_torch.node' }), id: 'torch-missing', priority: 900 });
  try {
    const info = await initEngine({ backend: 'auto' });
    assert.notEqual(info.backend, 'torch');
    const s = info.skipped.find((k) => k.backend === 'torch-missing');
    assert.match(s?.reason ?? '', /^libtorch backend not built: \/nonexistent\/tfjs_torch\.node is missing/);
  } finally {
    unregisterBackendCandidate('torch-missing');
  }
});

test('initEngine({ backend: "torch" }) reports libtorch, device and threads', { skip: TORCH_SKIP }, async () => {
  registerBackendCandidate(torchBackendCandidate);
  const info = await initEngine({ backend: 'torch', threads: 1 });
  assert.equal(info.backend, 'torch');
  assert.equal(info.candidate, 'torch');
  assert.equal(info.package, '@weatherlearn/tfjs-backend-torch');
  assert.equal(info.threads, 1);
  assert.match(info.notes[0] ?? '', /^libtorch \d+\.\d+\.\d+ from .+, device cpu, 1 thread\(s\)/);
  assert.ok(info.notes.some((n) => /^\d+ native kernels; \d+ more run on the tfjs cpu backend/.test(n)), info.notes.join('\n'));
  assert.ok(info.notes.some((n) => /^BLAS: \S/.test(n)), 'names the BLAS libtorch loaded');
});
