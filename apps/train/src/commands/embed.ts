import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { initEngine, type BackendName } from '@weatherlearn/engine';
import { readPt } from '@weatherlearn/tensor-io';
import {
  VisionTransformer, VisionTransformer4K, embedDirectory, extractStateDict, findChannelStats, readChannelStats, vitConfigFromStateDict, vit4kConfigFromStateDict,
  CHANNEL_STATS_FILE,
} from '@weatherlearn/dino';
import { channelOfSliceName } from '@weatherlearn/gridrad';
import { intArg, numberListArg } from '../cli-args.js';
import type { AppContext, RegisterCommand } from './types.js';
import { itemProgress } from '../progress.js';

interface EmbedOpts {
  data: string;
  weights: string;
  out: string;
  perCropDir?: string;
  perCrop: boolean;
  checkpointKey: string;
  heads?: number;
  batchSize?: number;
  patchSize: number;
  grid: number;
  mean?: number[];
  std?: number[];
  stats?: string;
  backend: string;
  json?: boolean;
}

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--data <dir>', 'folder of per-crop .pt files (searched recursively, sorted)')
    .requiredOption('--weights <ckpt>', 'PyTorch checkpoint (.pth/.pt): a DINO checkpoint (uses --checkpoint-key) or a plain state dict')
    .requiredOption('--out <file>', 'combined output .pt: {relpath: tensor}, readable by torch.load')
    .option('--per-crop-dir <dir>', 'also write one .pt per crop here (same relative paths)')
    .option('--no-per-crop', 'do not write per-crop files')
    .option('--checkpoint-key <key>', 'entry of a DINO checkpoint to load', 'teacher')
    .option('--heads <n>', 'attention heads (default: from the width: 192→3, 384→6, 768→12; ViT-2k: width/32)', intArg('--heads', { min: 1 }))
    .option('--backend <name>', 'TensorFlow.js backend: auto, wasm or cpu', 'auto')
    .option('--json', 'print the summary as JSON');
}

function loadWeights(file: string, key: string) {
  if (!existsSync(file) || !statSync(file).isFile()) throw new Error(`--weights ${file}: no such file`);
  return extractStateDict(readPt(new Uint8Array(readFileSync(file)), file), { checkpointKey: key, stripPrefixes: ['module.', 'backbone.'], ignorePrefixes: ['head.'] }, file);
}

/**
 * How vit256 normalises each file: `--mean/--std` when given; else the run's channel statistics
 * (`--stats FILE`, or channel-stats.json stored with the weights) by the channel in the file name
 * (`<source>.<channel>.crop.pt`) or by index (`channel<c>`); else raw values, with a warning.
 */
function normalization(o: EmbedOpts, ctx: AppContext): ((rel: string) => { mean: number[]; std: number[] } | undefined) | undefined {
  if (o.mean || o.std) return undefined;
  const file = o.stats ?? findChannelStats(o.weights);
  if (!file) {
    ctx.err(`warning: no channel statistics (${CHANNEL_STATS_FILE}) stored with ${o.weights} and no --mean/--std: embedding RAW values; the model was trained on normalised inputs`);
    return undefined;
  }
  const stats = readChannelStats(file);
  ctx.err(`normalising with ${file}: ${Object.entries(stats.channels).map(([n, c]) => `${n} ${c.mean.toPrecision(5)}±${c.std.toPrecision(5)}`).join(', ')}`);
  const indexed = Object.keys(stats.channels).filter((n) => /^channel\d+$/.test(n)).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  let missing = 0;
  return (rel) => {
    const name = channelOfSliceName(path.basename(rel));
    const c = name === undefined ? undefined : stats.channels[name];
    if (c) return { mean: [c.mean], std: [c.std] };
    if (indexed.length) return { mean: indexed.map((n) => stats.channels[n]!.mean), std: indexed.map((n) => stats.channels[n]!.std) };
    if (missing++ === 0) ctx.err(`warning: ${rel}: channel ${name ?? '(none in the name)'} has no statistics in ${file}; embedding raw values`);
    return undefined;
  };
}

async function run(level: 'vit256' | 'vit2k', o: EmbedOpts, ctx: AppContext): Promise<void> {
  if (!existsSync(o.data) || !statSync(o.data).isDirectory()) throw new Error(`--data ${o.data}: not a folder`);
  if (!['auto', 'wasm', 'cpu'].includes(o.backend)) throw new Error(`--backend must be auto, wasm or cpu, got "${o.backend}"`);
  const info = await initEngine({ backend: o.backend as BackendName });
  const sd = loadWeights(o.weights, o.checkpointKey);
  const normalizationFor = level === 'vit256' ? normalization(o, ctx) : undefined;
  const perCropDir = o.perCrop ? (o.perCropDir ?? (level === 'vit256' ? path.join(path.dirname(o.out), 'input_2k') : undefined)) : undefined;
  const progress = itemProgress(ctx, { label: `[embed ${level}]`, unit: 'crops' });
  let model: VisionTransformer | VisionTransformer4K;
  try {
    model = level === 'vit256' ? new VisionTransformer(vitConfigFromStateDict(sd, o.heads)).eval() : new VisionTransformer4K(vit4kConfigFromStateDict(sd, o.heads)).eval();
    const r = model.loadStateDict(sd, { strict: false });
    if (r.missingKeys.length) throw new Error(`missing keys ${r.missingKeys.slice(0, 6).join(', ')}`);
  } catch (err) {
    throw new Error(`--weights ${o.weights}: ${(err as Error).message}`);
  }
  try {
    const res = level === 'vit256'
      ? await embedDirectory({ kind: 'vit256', model: model as VisionTransformer }, { dataDir: o.data, outFile: o.out, perCropDir, vit256: { patchSize: o.patchSize, batchSize: o.batchSize ?? 64, mean: o.mean, std: o.std }, ...(normalizationFor ? { normalizationFor } : {}), onProgress: progress })
      : await embedDirectory({ kind: 'vit2k', model: model as VisionTransformer4K }, { dataDir: o.data, outFile: o.out, perCropDir, batchSize: o.batchSize ?? 16, gridSize: o.grid, onProgress: progress });
    const summary = { level, backend: info.backend, crops: res.count, shape: res.shape, out: res.outFile, perCropDir: perCropDir ?? null };
    ctx.out(o.json ? JSON.stringify(summary, null, 2) : `embedded ${res.count} crops → ${res.outFile} ([${res.shape.join(', ')}] each)${perCropDir ? `, per-crop files in ${perCropDir}` : ''}`);
  } finally {
    model.dispose();
  }
}

/** `weatherlearn embed vit256|vit2k --data DIR --weights CKPT --out FILE`: HIPT inference levels. */
export const registerEmbed: RegisterCommand = (program, ctx) => {
  const embed = program.command('embed').description('embed crops with a trained ViT-256 (→ [64, 384] per 2048 crop) or ViT-2k (→ [192])');
  common(embed.command('vit256'))
    .description('cut every crop into 256-px patches (row-major) and store each patch\'s CLS: [rows·cols, D] per crop')
    .option('--patch-size <px>', 'patch side', intArg('--patch-size', { min: 1 }), 256)
    .option('--batch-size <n>', 'patches per forward pass', intArg('--batch-size', { min: 1 }))
    .option('--mean <list>', 'per-channel mean to subtract (default: the channel statistics stored with the weights)', numberListArg('--mean'))
    .option('--std <list>', 'per-channel std to divide by', numberListArg('--std'))
    .option('--stats <file>', `channel statistics (${CHANNEL_STATS_FILE}; default: found beside --weights or up to two folders above)`)
    .addHelpText('after', `
Per-crop files default to <dir of --out>/input_2k/ — the input of "embed vit2k" and of 2k pretraining.
Normalisation: the DINO run's per-channel statistics (channel-stats.json next to final.pt) are used
automatically, per file by the channel its name carries (<source>.<channel>.crop.pt from
"gridrad split"); --mean/--std override them; without either, raw values are embedded (warned).
Every crop is embedded exactly once (the original's drop_last is not reproduced).
Example:
  weatherlearn embed vit256 --data Crops/ --weights checkpoint.pth --out out/output_features.pt`)
    .action((o: EmbedOpts) => run('vit256', { ...o, grid: 8 }, ctx));
  common(embed.command('vit2k'))
    .description('embed [g·g, 384] token grids (from "embed vit256") with a ViT-2k/4K into one region vector each')
    .option('--grid <n>', 'token grid side', intArg('--grid', { min: 1 }), 8)
    .option('--batch-size <n>', 'grids per forward pass', intArg('--batch-size', { min: 1 }))
    .addHelpText('after', `
Example:
  weatherlearn embed vit2k --data out/input_2k --weights checkpoint2k.pth --out out/output_features_2k.pt`)
    .action((o: EmbedOpts) => run('vit2k', { ...o, patchSize: 256 }, ctx));
};
