/**
 * The trainer's randomness, all drawn from the engine's one seeded generator (`Rng` of
 * `@weatherlearn/engine/rng`, whose state goes into checkpoints): the epoch order of a loader and
 * the seeded `Math.random` that makes tfjs dropout repeat.
 */
import { Rng } from '@weatherlearn/engine/rng';

/**
 * The indices `0..n-1` in the order of epoch `epoch` for a run seeded with `seed` (Fisher–Yates
 * driven by an engine {@link Rng} seeded from both): a pure function, so a loader can serve batch
 * `i` of any epoch without state, and resume is exact.
 */
export function shuffledIndices(n: number, seed: number, epoch: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  const rng = new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca77)) >>> 0);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const t = out[i]!; out[i] = out[j]!; out[j] = t;
  }
  return out;
}

/**
 * Replaces `Math.random` with `rng` (TensorFlow.js draws the seeds of unseeded `randomNormal`,
 * `randomUniform` and `dropout` from it) until the returned function is called. This is what makes
 * stochastic models (dropout, DropPath, latent noise) repeat bit for bit — like Lightning's
 * `seed_everything`. Anything else calling `Math.random` meanwhile consumes the same stream.
 */
export function installSeededMathRandom(rng: Rng): () => void {
  const original = Math.random;
  Math.random = () => rng.next();
  return () => { Math.random = original; };
}
