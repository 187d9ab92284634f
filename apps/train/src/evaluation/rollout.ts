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
export async function* rollout(model: ForecastModel, d: EvalData, initials: Float32Array[], steps: number, initIds: number[] = []): AsyncGenerator<LeadForecast> {
  const [C, H, W] = d.shape, per = C * H * W, B = initials.length;
  if (model.condDim > 0 && initIds.length !== B) throw new Error(`${model.name}: a FiLM model needs the initial frames' ids for its conditioning scalars`);
  if (B === 0) return;
  const xs = new Float32Array(B * per);
  initials.forEach((f, b) => xs.set(normalizeFrame(f, d.stats), b * per));
  let x: tf.Tensor4D = tf.tensor4d(xs, [B, C, H, W]);
  try {
    for (let lead = 1; lead <= steps; lead++) {
      const cond = model.condDim > 0 ? tf.tensor2d(Float32Array.from(initIds.flatMap((k) => condAt(d, k, lead))), [B, model.condDim]) : undefined;
      const y = model.step(x, cond);
      cond?.dispose();
      x.dispose();
      x = y;
      const data = (await y.data()) as Float32Array;
      yield { lead, frames: Array.from({ length: B }, (_, b) => denormalizeFrame(data.slice(b * per, (b + 1) * per), d.stats)) };
    }
  } finally {
    x.dispose();
  }
}

/**
 * The normalised conditioning scalars of the state stepped at `lead` from initial frame `init`: the
 * dataset's frame at init time + (lead − 1) steps (the observed solar wind), or the latest earlier
 * one the dataset holds.
 */
export function condAt(d: EvalData, init: number, lead: number): number[] {
  const st = d.dataset.index.scalars;
  if (!st) throw new Error(`--data ${d.dir}: no conditioning scalars in index.json (grid with --method polar) for a FiLM model`);
  let k = init;
  for (let l = lead - 1; l >= 1; l--) {
    const f = d.frameAt.get(d.times[init]! + l * d.stepMs);
    if (f !== undefined) { k = f; break; }
  }
  const raw = d.dataset.index.frames[k]!.scalars ?? [];
  return st.names.map((_, c) => ((raw[c] ?? 0) - st.mean[c]!) / (st.std[c]! || 1));
}
