/**
 * Test helpers: run the same computation on two backends and compare. Not exported from the
 * package index; test files import it directly.
 */
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';

/** Runs `fn` with `backend` active and returns the values of every tensor it returns. */
export async function valuesOn(backend: 'wasm' | 'cpu', fn: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await initEngine({ backend });
  const outs = tf.tidy(() => {
    const r = fn();
    return Array.isArray(r) ? r : [r];
  });
  const vals = await Promise.all(outs.map(async (t) => Float32Array.from(await t.data() as Float32Array)));
  tf.dispose(outs);
  return vals;
}

/** Asserts element-wise |a − b| ≤ atol + rtol·|b|, naming the first offending index. */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string, atol = 1e-4, rtol = 1e-4): void {
  assert.equal(actual.length, expected.length, `${label}: length ${actual.length} != ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      assert.fail(`${label}: index ${i}: got ${a}, expected ${e} (|diff| ${Math.abs(a - e)})`);
    }
  }
}

/** Runs `fn` on wasm and on cpu and asserts all returned tensors agree. */
export async function assertSameOnWasmAndCpu(label: string, fn: () => tf.Tensor | tf.Tensor[], atol = 1e-4, rtol = 1e-4): Promise<void> {
  const w = await valuesOn('wasm', fn);
  const c = await valuesOn('cpu', fn);
  assert.equal(w.length, c.length);
  for (let i = 0; i < w.length; i++) assertClose(w[i]!, c[i]!, `${label} [output ${i}]`, atol, rtol);
}

/** Deterministic pseudo-random values in [-1, 1) (xorshift), so tests are reproducible. */
export function seeded(n: number, seed = 1): Float32Array {
  let s = (seed * 2654435761) >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

/** A float32 tensor of the given shape filled with {@link seeded} values. */
export function rand(shape: number[], seed = 1): tf.Tensor {
  return tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), seed), shape);
}
