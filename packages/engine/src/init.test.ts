import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  BackendUnavailableError, formatEngineInfo, getBackendCandidates, initEngine, registerBackendCandidate,
  unregisterBackendCandidate, tf,
} from './index.js';

const require = createRequire(import.meta.url);
const installed = (pkg: string): boolean => { try { require.resolve(pkg); return true; } catch { return false; } };
const nativeInstalled = installed('@tensorflow/tfjs-node') || installed('@tensorflow/tfjs-node-gpu');

test('built-in candidates are ordered tfjs-node-gpu > tfjs-node > wasm > cpu', () => {
  assert.deepEqual(getBackendCandidates().map((c) => c.id ?? c.name), ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu']);
});

test('auto selects wasm here, reports why the native backends were skipped, and computes', { skip: nativeInstalled && 'tfjs-node is installed' }, async () => {
  const info = await initEngine({ backend: 'auto' });
  assert.equal(info.backend, 'wasm');
  assert.equal(info.simd, true);
  assert.equal(info.threads, 1);
  assert.match(info.version, /^4\./);
  assert.deepEqual(info.skipped.map((s) => s.backend), ['tfjs-node-gpu', 'tfjs-node']);
  assert.equal(info.skipped[1]!.reason, '@tensorflow/tfjs-node is not installed (npm install @tensorflow/tfjs-node)');
  assert.ok(info.kernelFixes.includes('Conv2DBackpropFilter'));
  const y = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]]));
  assert.deepEqual(await y.data(), new Float32Array([17, 39]));
  const text = formatEngineInfo(info);
  assert.match(text, /^backend: +wasm \(@tensorflow\/tfjs-backend-wasm 4\.\d+\.\d+, tfjs-core 4\./);
  assert.match(text, /simd: +yes/);
  assert.match(text, /skipped: +tfjs-node: @tensorflow\/tfjs-node is not installed/);
});

test('initEngine is idempotent and switches between loaded backends', async () => {
  const a = await initEngine({ backend: 'wasm' });
  const b = await initEngine({ backend: 'wasm' });
  assert.equal(a, b);
  await initEngine({ backend: 'cpu' });
  assert.equal(tf.getBackend(), 'cpu');
  await initEngine({ backend: 'wasm' });
  assert.equal(tf.getBackend(), 'wasm');
});

test('asking for tensorflow without tfjs-node is a clear error saying how to install it', { skip: nativeInstalled && 'tfjs-node is installed' }, async () => {
  await assert.rejects(initEngine({ backend: 'tensorflow' }),
    /backend 'tensorflow' is not available: .*@tensorflow\/tfjs-node-gpu is not installed.*npm install @tensorflow\/tfjs-node \(CPU/);
});

test('an unknown backend name lists the valid ones', async () => {
  await assert.rejects(initEngine({ backend: 'cuda' }), /unknown backend 'cuda'; valid: auto, tensorflow, wasm, cpu/);
});

test('bad thread counts are rejected', async () => {
  await assert.rejects(initEngine({ backend: 'cpu', threads: -2 }), /threads must be a non-negative integer, got -2/);
});

test('a plugged-in candidate joins the chain by priority without editing it', async () => {
  registerBackendCandidate({ name: 'torch', priority: 500, load: async () => { throw new BackendUnavailableError('libtorch not found', 'npm install @weatherlearn/torch'); } });
  registerBackendCandidate({
    name: 'fake', priority: 50,
    load: async () => { await tf.setBackend('cpu'); return { backend: 'cpu', package: 'fake-pkg', packageVersion: '1.0.0', simd: false, threads: 1, notes: ['plugged in'] }; },
  });
  try {
    assert.equal(getBackendCandidates()[0]!.name, 'torch');
    await assert.rejects(initEngine({ backend: 'torch' }), /backend 'torch' is not available: torch: libtorch not found \(npm install @weatherlearn\/torch\)/);
    const info = await initEngine({ backend: 'fake' });
    assert.equal(info.package, 'fake-pkg');
    assert.deepEqual(info.notes, ['plugged in']);
  } finally {
    unregisterBackendCandidate('torch');
    unregisterBackendCandidate('fake');
  }
});
