import type { RegisterCommand } from './types.js';

/**
 * One top-level command of the `weatherlearn` CLI: its name and one-line summary (what the root
 * `--help` lists) and a loader of the module that registers it fully (options, help text, action).
 * Modules are imported only for the command being run, so `--version` and `--help` load no
 * TensorFlow.js, AWS SDK or model code (`commands/index.test.ts` checks both, and that each
 * summary equals its module's description).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<RegisterCommand>;
}

/** Every command of the `weatherlearn` CLI, in help order. A new command adds its entry here. */
export const COMMANDS: CommandEntry[] = [
  { name: 'env', summary: 'show the runtime, the TensorFlow.js backend chosen and why, the BLAS libtorch loaded, threads, CPU features and free memory', load: async () => (await import('./env.js')).registerEnv },
  { name: 'convert', summary: 'convert tensors between .npy, .npz, .pt (state dict) and .safetensors', load: async () => (await import('./convert.js')).registerConvert },
  { name: 'inspect', summary: 'describe a tensor, DMAP or netCDF file: dtypes, shapes, value ranges, records', load: async () => (await import('./inspect.js')).registerInspect },
  { name: 'reference', summary: 'check our models against PyTorch reference vectors', load: async () => (await import('./reference.js')).registerReference },
  { name: 'model', summary: 'describe model presets', load: async () => (await import('./model.js')).registerModel },
  { name: 'loggers', summary: 'test logger plugins and upload runs kept offline (W&B, Neptune)', load: async () => (await import('./loggers.js')).registerLoggers },
  { name: 'hpc', summary: 'write, validate and submit SLURM/PBS job scripts (Polaris, generic PBS, generic SLURM)', load: async () => (await import('./hpc.js')).registerHpc },
  { name: 'dmap', summary: 'SuperDARN DMAP files (RAWACF, FITACF, GRID, MAP; plain or .bz2)', load: async () => (await import('./dmap.js')).registerDmap },
  { name: 'train', summary: 'train a model from a train config; checkpoints, exact resume and final.pt in RUN_DIR', load: async () => (await import('./train.js')).registerTrain },
  { name: 'forecast', summary: 'roll a trained pangu model out from a real frame: safetensors per lead, PNG maps, an animated PNG', load: async () => (await import('./forecast.js')).registerForecast },
  { name: 'evaluate', summary: 'score trained pangu runs and baselines per lead time and channel (RMSE, MAE, bias, ACC, skill) on observed cells', load: async () => (await import('./evaluate.js')).registerEvaluate },
  { name: 'launch', summary: "run a command (e.g. train) as N data-parallel processes on this node (torchrun's flags; Gloo)", load: async () => (await import('./launch.js')).registerLaunch },
  { name: 'embed', summary: 'embed crops with a trained ViT-256 (→ [64, 384] per 2048 crop) or ViT-2k (→ [192])', load: async () => (await import('./embed.js')).registerEmbed },
  { name: 'gridrad', summary: 'GridRad/GOES pipeline: netCDF → crops+patches (.npz) → .pt chunks → filtered per-slice files; corrupt-file sweeps', load: async () => (await import('./gridrad.js')).registerGridrad },
  { name: 'plot', summary: 'plots of SuperDARN files, training samples, crops, embeddings and loss curves (PNG or SVG)', load: async () => (await import('./plot.js')).registerPlot },
  { name: 'report', summary: 'write a self-contained HTML report of a training run (config, curves, samples, checkpoints)', load: async () => (await import('./report.js')).registerReport },
  { name: 'superdarn', summary: 'SuperDARN pipeline: FITACF file lists, MAP association, gridding to tensors (shardable), S3 mirror', load: async () => (await import('./superdarn.js')).registerSuperdarn },
  { name: 'demo', summary: 'end-to-end demo: generate SuperDARN + GOES-like files, grid/preprocess them, train Pangu and DINO, plot, report', load: async () => (await import('./demo.js')).registerDemo },
];

/** Root options that take a value (their value is not a command name). */
const VALUE_OPTIONS = new Set(['-c', '--config', '--set']);

/**
 * The command an argv runs (`help X` → X), skipping the root's options and their values; undefined
 * for `--version`, `--help` or no command. Only that command's module needs loading.
 */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return argv[i + 1];
    if (VALUE_OPTIONS.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    return a === 'help' && argv[i + 1] && !argv[i + 1]!.startsWith('-') ? argv[i + 1] : a;
  }
  return undefined;
}
