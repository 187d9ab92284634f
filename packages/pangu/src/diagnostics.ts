import { tf } from '@weatherlearn/engine';
import { skillScore } from '@weatherlearn/evaluate';
import { lossMaskWeights, type LossMask } from './loss.js';

/**
 * Validation diagnostics of one batch of surface forecasts `(B, C, H, W)` (the 2026 original's
 * DIAGNOSTICS.md): `skill_persistence` = 1 − MSE(pred) / MSE(x_last) (the input frame as the
 * forecast), `skill_climatology` = 1 − MSE(pred) / MSE(climatology) when a climatology `(C, H, W)`
 * is given, and per channel the prediction's and target's mean and std (`pred_mean_<name>`,
 * `pred_std_<name>`, `target_mean_<name>`, `target_std_<name>`), which show a model collapsing to
 * the mean or drifting. A perfect baseline (MSE 0) gives no skill key. `sse_model`,
 * `sse_persistence` (and `sse_climatology`) are the (weighted) sums of squared errors behind the
 * skills, for pooling over a validation set as the original does (1 − Σ SSE_model / Σ SSE_baseline).
 *
 * With a `mask` whose `lossMaskChannel` ≥ 0 the squared errors are weighted by the loss mask of the
 * target (see {@link lossMaskWeights}), so the skill scores what the loss trains and cells outside
 * the mask do not change it. The 2026 original scores every pixel (no mask); the per-channel
 * statistics always cover every pixel.
 */
export async function forecastDiagnostics(
  pred: tf.Tensor4D, target: tf.Tensor4D, lastInput: tf.Tensor4D, climatology?: tf.Tensor3D, channelNames?: string[], mask: LossMask = {},
): Promise<Record<string, number>> {
  const C = pred.shape[1];
  const [sse, ssePersist, sseClim, pm, ps, tm, ts] = tf.tidy(() => {
    const stats = (t: tf.Tensor4D) => {
      const { mean, variance } = tf.moments(t, [0, 2, 3]);
      return [mean, tf.sqrt(variance)];
    };
    const w = tf.mul(tf.onesLike(target), lossMaskWeights(target, mask));
    const wsse = (a: tf.Tensor) => tf.sum(tf.mul(tf.squaredDifference(a, target), w));
    return [
      wsse(pred), wsse(lastInput),
      climatology ? wsse(tf.expandDims(climatology, 0)) : tf.scalar(NaN),
      ...stats(pred), ...stats(target),
    ];
  });
  const v = await Promise.all([sse, ssePersist, sseClim, pm, ps, tm, ts].map((t) => t!.data()));
  tf.dispose([sse, ssePersist, sseClim, pm, ps, tm, ts] as tf.Tensor[]);
  const out: Record<string, number> = { sse_model: v[0]![0]!, sse_persistence: v[1]![0]! };
  if (climatology) out.sse_climatology = v[2]![0]!;
  const sp = skillScore(v[0]![0]!, v[1]![0]!);
  if (Number.isFinite(sp)) out.skill_persistence = sp;
  const sc = skillScore(v[0]![0]!, v[2]![0]!);
  if (climatology && Number.isFinite(sc)) out.skill_climatology = sc;
  for (let c = 0; c < C; c++) {
    const n = channelNames?.[c] ?? `c${c}`;
    out[`pred_mean_${n}`] = v[3]![c]!; out[`pred_std_${n}`] = v[4]![c]!;
    out[`target_mean_${n}`] = v[5]![c]!; out[`target_std_${n}`] = v[6]![c]!;
  }
  return out;
}
