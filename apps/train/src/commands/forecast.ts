import { initEngine, type BackendName } from '@weatherlearn/engine';
import { openEvalData, type EvalData } from '../evaluation/data.js';
import { evalDataShape, loadForecastModel, type ModelSource } from '../evaluation/model.js';
import { writeForecast } from '../evaluation/forecast-files.js';
import { intArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';
import { itemProgress } from '../progress.js';

/** The `--run` or `--weights [--config]` model source of forecast/evaluate; errors say what is missing. */
export function modelSource(o: { run?: string; weights?: string; config?: string }): ModelSource {
  if (o.run && o.weights) throw new Error('give either --run RUN_DIR or --weights FILE (with --config), not both');
  if (o.run) return { run: o.run };
  if (o.weights) return { weights: o.weights, ...(o.config ? { config: o.config } : {}) };
  throw new Error('which model? give --run RUN_DIR (a folder from `weatherlearn train pangu`) or --weights final.pt --config train.json');
}

/** The initial frame of `--index N` (frame number) or `--start ISO_TIME` (a frame's window start). */
export function initialFrame(d: EvalData, o: { index?: number; start?: string }): number {
  if (o.index !== undefined && o.start !== undefined) throw new Error('give either --index or --start, not both');
  if (o.index !== undefined) {
    if (o.index >= d.times.length) throw new Error(`--index ${o.index}: the dataset has ${d.times.length} frames (0..${d.times.length - 1})`);
    return o.index;
  }
  if (o.start === undefined) throw new Error('where to start? give --index N (frame number) or --start ISO_TIME (e.g. 2014-01-01T10:00:00Z)');
  const t = Date.parse(o.start);
  if (!Number.isFinite(t)) throw new Error(`--start ${o.start}: not an ISO time (e.g. 2014-01-01T10:00:00Z)`);
  const k = d.frameAt.get(t);
  if (k !== undefined) return k;
  const near = d.times.reduce((b, x, i) => (Math.abs(x - t) < Math.abs(d.times[b]! - t) ? i : b), 0);
  throw new Error(`--start ${o.start}: no frame starts then; the nearest is ${new Date(d.times[near]!).toISOString()} (--index ${near})`);
}

/** `weatherlearn forecast`: an autoregressive rollout from a real frame, as files, maps and an animation. */
export const registerForecast: RegisterCommand = (program, ctx) => {
  program.command('forecast')
    .description('roll a trained pangu model out from a real frame: safetensors per lead, PNG maps, an animated PNG')
    .option('--run <dir>', 'run folder from `weatherlearn train pangu` (resolved-config.json + final.pt)')
    .option('--weights <file>', 'weights (PyTorch state dict) instead of --run')
    .option('--config <file>', 'train config of --weights (default: the built-in defaults)')
    .requiredOption('--data <dir>', 'gridded dataset folder (`weatherlearn superdarn grid`): frames, times, statistics')
    .option('--start <iso>', 'initial time: the window start of a dataset frame')
    .option('--index <n>', 'initial frame number (0-based, time order)', intArg('--index', { min: 0 }))
    .option('--steps <n>', 'lead times to forecast (model steps)', intArg('--steps', { min: 1 }), 6)
    .requiredOption('--out <dir>', 'output folder')
    .option('--no-images', 'only the safetensors files (no PNG maps or animation)')
    .option('--delay-ms <ms>', 'animation frame time', intArg('--delay-ms', { min: 1 }), 600)
    .option('--backend <name>', 'TensorFlow.js backend (default: engine.backend of the config, auto = fastest available)')
    .addHelpText('after', `
Maps are in physical units (de-normalised with the dataset's training statistics); cells without a
measurement in the observed frame (coverage/count channel = 0) are grey and not in the RMSE.
Each lead-NNN.safetensors holds prediction (C,H,W), truth and mask (H,W) when the dataset has that
window, with init_time, valid_time, lead, lead_minutes, channels and units in its metadata.
Examples:
  weatherlearn forecast --run runs/sd --data data/superdarn-grid48 --start 2014-01-03T12:00:00Z --steps 12 --out fc
  weatherlearn forecast --weights final.pt --config train.json --data ds --index 40 --out fc --no-images`)
    .action(async (o: { run?: string; weights?: string; config?: string; data: string; start?: string; index?: number; steps: number; out: string; images: boolean; delayMs: number; backend?: string }) => {
      const src = modelSource(o);
      await initEngine({ backend: (o.backend ?? ctx.config().engine.backend) as BackendName, ...(ctx.config().engine.threads ? { threads: ctx.config().engine.threads } : {}) });
      const d = await openEvalData(o.data);
      try {
        const init = initialFrame(d, o);
        const model = await loadForecastModel(src, d.shape, evalDataShape(d));
        try {
          const leads = itemProgress(ctx, { label: '[forecast]', unit: 'leads', intervalMs: 0 });
          const r = await writeForecast(model, d, { init, steps: o.steps, out: o.out, images: o.images, delayMs: o.delayMs, onLead: (lead, f) => leads(lead, o.steps, f) });
          ctx.out(`wrote ${r.files.length} lead file(s)${r.frames.length ? `, ${r.frames.length} PNG map(s) and ${r.animation}` : ''} to ${o.out}`);
        } finally { model.dispose(); }
      } finally { await d.close(); }
    });
};
