import { tf } from '@weatherlearn/engine';
import { normalizeScalars } from '@weatherlearn/superdarn';
import { denormalizeFrame, normalizeFrame, type EvalData } from './data.js';
import type { ForecastModel } from './model.js';

/** The forecasts of one lead time for a batch of initial frames, in physical units. */
export interface LeadForecast { lead: number; frames: Float32Array[] }

/**
 * Autoregressive rollout: the raw initial frames are normalised with the training statistics, the
 * model is stepped `steps` times on its own output (the whole batch at once), and each lead's
 * prediction is yielded de-normalised. A multi-frame model (`inputFrames` k > 1) also gets the k − 1
 * frames before each initial one from the dataset (as training stacks them), then its own
 * forecasts as they come: the window slides one frame per step. Only the current state is held on the backend.
 */
export async function* rollout(model: ForecastModel, d: EvalData, initials: Float32Array[], steps: number, initIds: number[] = []): AsyncGenerator<LeadForecast> {
  const [C, H, W] = d.shape, per = C * H * W, B = initials.length;
  const k = model.inputFrames;
  if ((model.condDim > 0 || k > 1) && initIds.length !== B) throw new Error(`${model.name}: a FiLM or multi-frame model needs the initial frames' ids (conditioning scalars, earlier frames)`);
  const windowMs = d.dataset.index.config.windowMinutes * 60_000;
  // training stacks windows one window apart; a rollout steps by the target offset, so they must agree
  if (k > 1 && d.stepMs !== windowMs) throw new Error(`${model.name}: a model with pangu.inputFrames ${k} rolls out only on a dataset whose target is the next window (--time-step 1); --data ${d.dir} steps ${d.stepMs / 60_000} min with ${windowMs / 60_000}-min windows`);
  if (B === 0) return;
  const xs = new Float32Array(B * per);
  initials.forEach((f, b) => xs.set(normalizeFrame(f, d.stats), b * per));
  let x: tf.Tensor4D = tf.tensor4d(xs, [B, C, H, W]);
  let hist: tf.Tensor4D | undefined;
  try {
    if (k > 1) {
      const hs = new Float32Array(B * per * (k - 1));
      for (const [b, init] of initIds.entries()) (await d.dataset.framesBefore(init, k)).forEach((f, m) => hs.set(normalizeFrame(f, d.stats), (b * (k - 1) + m) * per));
      hist = tf.tensor4d(hs, [B, C * (k - 1), H, W]);
    }
    for (let lead = 1; lead <= steps; lead++) {
      const cond = model.condDim > 0 ? tf.tensor2d(Float32Array.from(initIds.flatMap((i) => condAt(d, i, lead))), [B, model.condDim]) : undefined;
      const y = model.step(x, cond, hist);
      cond?.dispose();
      // slide the window: drop the oldest frame, the state just stepped from becomes the newest earlier frame
      const prev = hist, cur = x;
      hist = prev && k > 2 ? tf.tidy(() => tf.concat([tf.slice(prev, [0, C, 0, 0], [B, C * (k - 2), H, W]), cur], 1)) : prev ? cur : undefined;
      prev?.dispose();
      if (hist !== cur) cur.dispose();
      x = y;
      const data = (await y.data()) as Float32Array;
      yield { lead, frames: Array.from({ length: B }, (_, b) => denormalizeFrame(data.slice(b * per, (b + 1) * per), d.stats)) };
    }
  } finally {
    x.dispose();
    hist?.dispose();
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
  return Array.from(normalizeScalars(d.dataset.index.frames[k]!.scalars ?? [], st));
}
