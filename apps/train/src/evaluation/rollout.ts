import { tf } from '@weatherlearn/engine';
import { denormalizeFrame, normalizeFrame, type EvalData } from './data.js';
import type { ForecastModel } from './model.js';

/** The forecasts of one lead time for a batch of initial frames, in physical units. */
export interface LeadForecast { lead: number; frames: Float32Array[] }

/**
 * Autoregressive rollout: the raw initial frames are normalised with the training statistics, the
 * model is stepped `steps` times on its own output (the whole batch at once), and each lead's
 * prediction is yielded de-normalised. Only the current state is held on the backend.
 */
export async function* rollout(model: ForecastModel, d: EvalData, initials: Float32Array[], steps: number): AsyncGenerator<LeadForecast> {
  const [C, H, W] = d.shape, per = C * H * W, B = initials.length;
  if (B === 0) return;
  const xs = new Float32Array(B * per);
  initials.forEach((f, b) => xs.set(normalizeFrame(f, d.stats), b * per));
  let x: tf.Tensor4D = tf.tensor4d(xs, [B, C, H, W]);
  try {
    for (let lead = 1; lead <= steps; lead++) {
      const y = model.step(x);
      x.dispose();
      x = y;
      const data = (await y.data()) as Float32Array;
      yield { lead, frames: Array.from({ length: B }, (_, b) => denormalizeFrame(data.slice(b * per, (b + 1) * per), d.stats)) };
    }
  } finally {
    x.dispose();
  }
}
