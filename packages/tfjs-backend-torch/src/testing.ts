/**
 * Test helpers: run a function on the tfjs cpu backend and on torch, compare shapes, dtypes and values,
 * and check that no kernel fell back to the cpu. Tests skip with {@link TORCH_SKIP} when the addon is not built.
 */
import assert from 'node:assert/strict';
import { initEngine, registerBackendCandidate, tf } from '@weatherlearn/engine';
import { torchUnavailableReason } from './native.js';
import { getFallbackCalls, resetFallbackCalls } from './fallback.js';
import { torchBackendCandidate } from './register.js';
import { requirePart } from '@weatherlearn/test-parts/require-part';

/** `false` when the addon loads, else the reason (use as `test(name, { skip: TORCH_SKIP }, …)`). */
export const TORCH_SKIP: string | false = requirePart('libtorch', torchUnavailableReason());

/** Activates the torch backend through the engine registry. */
export async function useTorch(): Promise<void> {
  registerBackendCandidate(torchBackendCandidate);
  await initEngine({ backend: 'torch' });
}

interface Result { shape: number[]; dtype: string; values: number[] }

async function runOn(backend: string, fn: () => tf.Tensor | tf.Tensor[]): Promise<Result[]> {
  if (backend === 'torch') await useTorch();
  else await initEngine({ backend });
  assert.equal(tf.getBackend(), backend, 'active backend');
  const out = tf.tidy(fn);
  const list = Array.isArray(out) ? out : [out];
  const r = list.map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync() as ArrayLike<number>) }));
  tf.dispose(list);
  return r;
}

/**
 * Options of {@link compareWithCpu}. `scaled`: `atol` is relative to each output's max |cpu value|
 * (for gradients whose magnitudes differ by orders between parameters).
 */
export interface CompareOptions { rtol?: number; atol?: number; scaled?: boolean; allowFallback?: string[] }

/** Runs `fn` on cpu and torch and asserts equal shapes/dtypes and values within `atol (·max|cpu|) + rtol·|cpu|`. */
export async function compareWithCpu(fn: () => tf.Tensor | tf.Tensor[], opts: CompareOptions = {}): Promise<void> {
  const { rtol = 1e-5, atol: atol0 = 1e-5, scaled = false, allowFallback = [] } = opts;
  const want = await runOn('cpu', fn);
  resetFallbackCalls();
  const got = await runOn('torch', fn);
  const fell = [...getFallbackCalls().keys()].filter((k) => !allowFallback.includes(k));
  assert.deepEqual(fell, [], `kernels ran on the cpu fallback instead of natively: ${fell.join(', ')}`);
  assert.equal(got.length, want.length, 'number of outputs');
  want.forEach((w, i) => {
    const g = got[i]!;
    assert.deepEqual(g.shape, w.shape, `output ${i} shape`);
    assert.equal(g.dtype, w.dtype, `output ${i} dtype`);
    const atol = scaled ? atol0 * w.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0) : atol0;
    for (let j = 0; j < w.values.length; j++) {
      const a = g.values[j]!, b = w.values[j]!;
      if (Number.isNaN(b)) { assert.ok(Number.isNaN(a), `output ${i}[${j}]: ${a} vs NaN`); continue; }
      if (a !== b && !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) assert.fail(`output ${i}[${j}]: torch ${a} vs cpu ${b}`);
    }
  });
}

/** Deterministic float32 test data in [-1, 1). */
export function rand(shape: number[], seed: number): tf.Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) { s = (s * 1664525 + 1013904223) >>> 0; v[i] = s / 2 ** 31 - 1; }
  return tf.tensor(v, shape);
}
