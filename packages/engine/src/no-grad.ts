import { tf } from './tf.js';

interface TapeState { state: { activeTape: unknown; gradientDepth: number } }

/**
 * Runs `fn` with gradient recording off, like `with torch.no_grad():` — nothing it computes is put
 * on the tape, so no tensor is kept alive for a backward pass (DINO's teacher forward inside the
 * student's loss). Its results carry no gradient.
 */
export function noGrad<T>(fn: () => T): T {
  const { state } = tf.engine() as unknown as TapeState;
  const depth = state.gradientDepth, tape = state.activeTape;
  state.gradientDepth = 0;
  try {
    return fn();
  } finally {
    state.gradientDepth = depth;
    state.activeTape = tape;
  }
}
