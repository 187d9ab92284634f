import { readFile } from 'node:fs/promises';
import { readSafetensorsWithMetadata, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { plotForecast, writePlot } from '@weatherlearn/viz';

/** Channel `c` of a `(C, H, W)` float32 tensor as `(1, H, W)`. */
function channel(t: Tensor, c: number, what: string): Tensor {
  const [C, H, W] = t.shape as [number, number, number];
  if (t.shape.length !== 3 || c >= C) throw new Error(`${what}: expected a (C, H, W) tensor with channel ${c}, got [${t.shape.join(', ')}]`);
  return { dtype: 'float32', shape: [1, H, W], data: toFloat32(t).slice(c * H * W, (c + 1) * H * W) };
}

/** Standard deviation of a float array. */
function std(v: Float32Array): number {
  let s = 0, q = 0;
  for (const x of v) { s += x; q += x * x; }
  const m = s / v.length;
  return Math.sqrt(Math.max(0, q / v.length - m * m));
}

/**
 * Draws truth / prediction / difference of the velocity channel (`vel.median`, else channel 0)
 * from the sample files written after training (`samples/sample-NNN.safetensors`) — the sample
 * whose true velocity varies most, so a quiet window (e.g. a radar without echoes) is not chosen —
 * and writes it as PNG. Returns the file and channel drawn.
 */
export async function plotVelocityForecast(sampleFiles: readonly string[], out: string): Promise<{ file: string; channel: string }> {
  let best: { file: string; channel: string; pred: Tensor; truth: Tensor; spread: number } | undefined;
  for (const file of sampleFiles) {
    const { tensors, metadata } = readSafetensorsWithMetadata(await readFile(file), file);
    const pred = tensors.prediction, truth = tensors.truth;
    if (!pred || !truth) throw new Error(`${file}: no prediction/truth tensors`);
    const names = (metadata.channels ?? '').split(',');
    const c = Math.max(0, names.indexOf('vel.median'));
    const t = channel(truth, c, file), spread = std(toFloat32(t));
    if (!best || spread > best.spread) best = { file, channel: names[c] || `channel ${c}`, pred: channel(pred, c, file), truth: t, spread };
  }
  if (!best) throw new Error('no sample files to plot');
  const name = best.channel;
  await writePlot(out, plotForecast(best.pred, best.truth, { names: [`${name} (normalised)`], cmap: 'coolwarm', title: `SuperDARN ${name}, one window ahead` }), { scale: 2 });
  return { file: best.file, channel: name };
}
