import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { maskRuleFor, observedMask } from '@weatherlearn/evaluate';
import { writeSafetensors, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { channelUnit, decodePng, encodeApng, plotForecast, svgToPng, type RgbaImage } from '@weatherlearn/viz';
import { targetFrame, type EvalData } from './data.js';
import type { ForecastModel } from './model.js';
import { rollout } from './rollout.js';

/** Format tag in the metadata of a forecast lead file. */
export const FORECAST_FORMAT = 'weatherlearn-forecast';

/** Options of {@link writeForecast}. */
export interface ForecastOptions {
  /** Initial frame id. */
  init: number;
  steps: number;
  out: string;
  /** PNG frames and the animation (default true). */
  images: boolean;
  /** Milliseconds per animation frame. */
  delayMs: number;
  onLead?: (lead: number, file: string) => void;
}

/** What {@link writeForecast} wrote. */
export interface ForecastResult { files: string[]; frames: string[]; animation?: string }

const chw = (data: Float32Array, shape: number[]): Tensor => ({ dtype: 'float32', shape, data });

/**
 * Rolls the model out from one real frame and writes, per lead, `lead-NNN.safetensors`
 * (`prediction` (C, H, W) in physical units; `truth` and the observed-cell `mask` (H, W) when the
 * dataset has that window; time, lead, channels and units in the metadata), `lead-NNN.png`
 * (truth / prediction / difference maps, unobserved cells grey) and `animation.png` (APNG).
 */
export async function writeForecast(model: ForecastModel, d: EvalData, o: ForecastOptions): Promise<ForecastResult> {
  const [C, H, W] = d.shape, rule = maskRuleFor(d.channels), units = d.channels.map(channelUnit);
  await mkdir(o.out, { recursive: true });
  const initial = await d.dataset.frame(o.init), t0 = d.times[o.init]!;
  const res: ForecastResult = { files: [], frames: [] };
  const images: RgbaImage[] = [];
  for await (const f of rollout(model, d, [initial], o.steps, [o.init])) {
    const pred = f.frames[0]!, name = `lead-${String(f.lead).padStart(3, '0')}`, valid = t0 + f.lead * d.stepMs;
    const k = targetFrame(d, o.init, f.lead);
    const truth = k !== undefined ? await d.dataset.frame(k) : undefined;
    const mask = truth ? observedMask(truth, C, rule) : undefined;
    const tensors: Record<string, Tensor> = { prediction: chw(pred, [C, H, W]) };
    if (truth && mask) { tensors.truth = chw(truth, [C, H, W]); tensors.mask = { dtype: 'uint8', shape: [H, W], data: mask }; }
    const title = `${model.name}: ${new Date(t0).toISOString().slice(0, 16)}Z + ${f.lead} step(s) → ${new Date(valid).toISOString().slice(0, 16)}Z${truth ? '' : ' (no observation)'}`;
    const file = join(o.out, `${name}.safetensors`);
    await writeFileAtomic(file, writeSafetensors(tensors, {
      format: FORECAST_FORMAT, model: model.name, dataset: d.dir, init_time: new Date(t0).toISOString(), valid_time: new Date(valid).toISOString(),
      lead: String(f.lead), lead_minutes: String((f.lead * d.stepMs) / 60_000), channels: d.channels.join(','), units: units.join(','),
      mask_rule: rule.description, title,
    }));
    res.files.push(file);
    if (o.images) {
      // Without an observation, the truth panel is all "no data" and the prediction is drawn in full.
      const svg = plotForecast(tensors.prediction!, chw(truth ?? new Float32Array(C * H * W).fill(NaN), [C, H, W]), {
        names: d.channels, units, title, mask: mask ?? new Uint8Array(H * W).fill(1),
      });
      const png = await svgToPng(svg);
      await writeFileAtomic(join(o.out, `${name}.png`), png);
      res.frames.push(join(o.out, `${name}.png`));
      images.push(decodePng(png));
    }
    o.onLead?.(f.lead, file);
  }
  if (images.length) {
    res.animation = join(o.out, 'animation.png');
    await writeFileAtomic(res.animation, encodeApng(images, { delayMs: o.delayMs }));
  }
  return res;
}
