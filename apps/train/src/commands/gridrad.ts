import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  FILL_POLICIES, checkAndRemoveTensorFilesParallel, parseGridradReduce, processAllChunksToIndividualFiles,
  processDirectoryTree, processNpzFilesProgressive, DEFAULT_PREPROCESS_OPTIONS, type FillPolicy, type Progress,
} from '@weatherlearn/gridrad';
import { parseShard } from '@weatherlearn/engine/shard';
import { formatSkipped, NoUsableInputError, writeSkippedReport, type SkippedInput } from '@weatherlearn/tensor-io';
import { intArg, numberArg } from '../cli-args.js';
import type { AppContext, RegisterCommand } from './types.js';
import { itemProgress, type ItemProgress } from '../progress.js';

/** Prints skipped inputs (file: reason) and writes them to `where` (folder → skipped.json, or a .json path). */
async function reportSkipped(ctx: AppContext, command: string, where: string, inputs: number, skipped: readonly SkippedInput[]): Promise<void> {
  for (const line of formatSkipped(skipped, inputs)) ctx.err(line);
  const file = await writeSkippedReport(where, command, inputs, skipped);
  if (skipped.length) ctx.err(`skipped inputs listed in ${file}`);
}

const list = (v: string): string[] => {
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list, e.g. a,b');
  return items;
};
const wrap = <T>(f: (v: string) => T) => (v: string): T => { try { return f(v); } catch (e) { throw new InvalidArgumentError((e as Error).message); } };

/** Turns the package's progress reports (one per second on a TTY, else every 10 s) into an {@link itemProgress} bar or lines per step. */
function progressPrinter(ctx: AppContext): { onProgress: (p: Progress) => void; progressIntervalMs: number } {
  const steps = new Map<string, ItemProgress>();
  return {
    progressIntervalMs: ctx.isTTY ? 1000 : 10_000,
    onProgress: (p) => {
      let show = steps.get(p.step);
      if (!show) steps.set(p.step, (show = itemProgress(ctx, { label: p.step, unit: 'items', intervalMs: 0 })));
      const mbs = p.bytes / 2 ** 20 / (p.elapsedMs / 1000 || 1e-9);
      show(p.finished, p.total, `done ${p.done} skipped ${p.skipped} failed ${p.failed}, ${mbs.toFixed(1)} MB/s`);
    },
  };
}

function report(ctx: AppContext, json: boolean | undefined, summary: object, line: string): void {
  ctx.out(json ? JSON.stringify(summary) : line);
}

function strictCheck(strict: boolean | undefined, failed: number, what: string): void {
  if (strict && failed > 0) throw new Error(`${failed} ${what} failed (--strict)`);
}

function registerPreprocess(gridrad: Command, ctx: AppContext): void {
  const d = DEFAULT_PREPROCESS_OPTIONS;
  gridrad.command('preprocess')
    .description('netCDF files (GOES-like 2-D channels or GridRad v4.2 sparse) → one .npz per file with a seeded crop and its patches')
    .requiredOption('--input <dir|glob>', 'input folder (recursive, *.nc) or quoted glob, e.g. "data/**/*.nc"')
    .requiredOption('--output <dir>', 'output folder (input sub-folders are mirrored: a/b.nc → a/b.npz)')
    .requiredOption('--checkpoint <file>', 'append-only checkpoint: one finished input per line (use one per shard)')
    .option('--workers <n>', 'worker threads (0 = in the main thread)', intArg('--workers', { min: 0 }), d.workers)
    .option('--shard <i/n>', 'process only shard i of n of the sorted inputs (SLURM/PBS job arrays)', wrap(parseShard))
    .option('--seed <s>', 'seed of the per-file crop offsets', intArg('--seed', { min: 0 }), d.seed)
    .option('--crop-size <px>', 'crop side', intArg('--crop-size', { min: 1 }), d.cropSize)
    .option('--patch-size <px>', 'patch side (must divide the crop side)', intArg('--patch-size', { min: 1 }), d.patchSize)
    .option('--variables <a,b>', '2-D variables to read, in channel order', list, d.variables)
    .option('--gridrad-field <name>', 'sparse GridRad field to decode', d.gridradField)
    .option('--gridrad-channels <list>', 'GridRad reductions: colmax, alt:<km>, level:<i>', wrap(parseGridradReduce), d.gridradReduce)
    .addOption(new Option('--fill <policy>', 'invalid (fill) values: drop the file, fill with --fill-value, mask (fill + mask channel), keep NaN').choices(FILL_POLICIES).default(d.fillPolicy))
    .option('--fill-value <x>', 'replacement for --fill fill|mask', numberArg('--fill-value'), d.fillValue)
    .option('--compression-level <0-9>', 'npz deflate level (0 = stored like np.savez; numpy\'s savez_compressed uses 6)', intArg('--compression-level', { min: 0, max: 9 }), d.compressionLevel)
    .option('--error-log <file>', 'append failed inputs (path<TAB>reason)')
    .option('--strict', 'exit with status 1 when any file failed')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `
Files that are skipped (no channels, invalid values with --fill drop) or fail are listed with their
reasons on stderr and in OUTPUT/skipped.json (skipped.I-of-N.json with --shard); the command fails
only with --strict or when no file was usable.
Each file gets one crop window (shared by all channels) drawn from (seed, path relative to the
input root), so outputs do not depend on --workers or --shard. Outputs are written atomically and
checkpointed after the rename; rerun the same command to resume after a crash or kill.
Examples:
  weatherlearn gridrad preprocess --input /data/GOES --output /data/npz --checkpoint /data/ck.txt --workers 4
  weatherlearn gridrad preprocess --input "/data/GridRad/**/*.nc" --output npz --checkpoint ck.$SLURM_ARRAY_TASK_ID \\
    --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT --gridrad-channels colmax,alt:3 --fill fill --crop-size 1024`)
    .action(async (o) => {
      const s = await processDirectoryTree({
        input: o.input, output: o.output, checkpoint: o.checkpoint, workers: o.workers, shard: o.shard, seed: o.seed,
        cropSize: o.cropSize, patchSize: o.patchSize, variables: o.variables, gridradField: o.gridradField,
        gridradReduce: o.gridradChannels, fillPolicy: o.fill as FillPolicy, fillValue: o.fillValue, compressionLevel: o.compressionLevel,
        errorLog: o.errorLog, ...progressPrinter(ctx),
      });
      const where = o.shard ? join(o.output, `skipped.${o.shard.index}-of-${o.shard.count}.json`) : o.output;
      await reportSkipped(ctx, 'gridrad preprocess', where, s.found - s.resumed, s.skippedFiles);
      report(ctx, o.json, s, `preprocess: ${s.found} inputs: done ${s.done}, skipped ${s.skipped}, failed ${s.failed}, already done ${s.resumed} (${s.seconds.toFixed(1)} s)`);
      strictCheck(o.strict, s.failed, 'input file(s)');
      if (s.found > 0 && s.done + s.resumed === 0) throw new Error(`no usable input: all ${s.found} file(s) were skipped or failed (see ${where})`);
    });
}

function registerToPt(gridrad: Command, ctx: AppContext): void {
  gridrad.command('to-pt')
    .description('npz files → .pt chunk tensors Crops/crops_<k>.pt (M,S,S) and Patches/patches_<k>.pt (N,P,P)')
    .requiredOption('--input <dir>', 'folder of .npz files (recursive, taken in sorted order)')
    .option('--output <dir>', 'folder receiving Crops/ and Patches/ (default: --input)')
    .option('--files-per-chunk <n>', 'npz files per chunk', intArg('--files-per-chunk', { min: 1 }), 5)
    .option('--checkpoint <file>', 'checkpoint (default <output>/to-pt.checkpoint)')
    .option('--error-log <file>', 'append unreadable npz files (path<TAB>reason)')
    .option('--strict', 'exit with status 1 when any file failed')
    .option('--json', 'print the summary as JSON')
    .action(async (o) => {
      const s = await processNpzFilesProgressive({ input: o.input, output: o.output, filesPerChunk: o.filesPerChunk, checkpoint: o.checkpoint, errorLog: o.errorLog, ...progressPrinter(ctx) });
      await reportSkipped(ctx, 'gridrad to-pt', o.output ?? o.input, s.found - s.resumed, s.errors.map((e) => ({ file: e.path, reason: e.reason.replace(`${e.path}: `, '') })));
      if (s.found > 0 && s.done + s.resumed === 0) throw new Error(`no usable npz file: all ${s.found} failed (see skipped.json)`);
      report(ctx, o.json, s, `to-pt: ${s.found} npz files: ${s.done} put into chunk(s) ${s.chunks.join(', ') || 'none'}, failed ${s.failed}, already done ${s.resumed}`);
      strictCheck(o.strict, s.failed, 'npz file(s)');
    });
}

function registerSplit(gridrad: Command, ctx: AppContext): void {
  gridrad.command('split')
    .description('chunk tensors → one .pt per accepted 2-D slice (two-pass, order-independent outlier filter) + manifest')
    .requiredOption('--input <dir>', 'folder holding Crops/ and Patches/ (the to-pt output)')
    .addOption(new Option('--kind <kind>', 'which chunks').choices(['crops', 'patches']).makeOptionMandatory())
    .option('--output <dir>', 'output root (default <input>/split): slices in <output>/<kind>/, <kind>.manifest.json beside')
    .option('--max-deviation-factor <x>', 'reject a slice when max|x−mean| > x·std', numberArg('--max-deviation-factor'), 10)
    .option('--global-mean-deviation-factor <x>', 'reject when |mean − global mean| > x·global std', numberArg('--global-mean-deviation-factor'), 10)
    .option('--remove-chunks', 'delete each chunk once its slices are written (as the original does)')
    .option('--strict', 'exit with status 1 when a chunk cannot be read (default: skip it, list it in OUTPUT/<kind>.skipped.json)')
    .option('--json', 'print the summary as JSON')
    .action(async (o) => {
      const where = join(o.output ?? join(o.input, 'split'), `${o.kind}.skipped.json`);
      let s;
      try {
        s = await processAllChunksToIndividualFiles({
        input: o.input, kind: o.kind, output: o.output, maxDeviationFactor: o.maxDeviationFactor,
        globalMeanDeviationFactor: o.globalMeanDeviationFactor, removeChunks: Boolean(o.removeChunks), ...progressPrinter(ctx),
        });
      } catch (e) {
        if (e instanceof NoUsableInputError) await writeSkippedReport(where, 'gridrad split', e.inputs, e.skipped);
        throw e;
      }
      await reportSkipped(ctx, 'gridrad split', where, s.chunks + s.skipped.length, s.skipped);
      strictCheck(o.strict, s.skipped.length, 'chunk(s)');
      report(ctx, o.json, s, `split ${o.kind}: ${s.chunks} chunks: kept ${s.kept}, rejected ${s.rejected}, written now ${s.written}; manifest ${s.manifest}`);
    });
}

function registerCheck(gridrad: Command, ctx: AppContext): void {
  gridrad.command('check')
    .description('load every tensor file under a folder (recursive, parallel); quarantine or remove the ones that fail')
    .requiredOption('--root <dir>', 'folder to sweep')
    .requiredOption('--log <file>', 'log of bad files (path<TAB>reason), rewritten atomically')
    .addOption(new Option('--action <action>', 'what to do with bad files').choices(['quarantine', 'remove']).default('quarantine'))
    .option('--quarantine-dir <dir>', 'where quarantined files go (default <root>.quarantine)')
    .option('--dry-run', 'list bad files only; change nothing')
    .option('--ext <list>', 'file endings to check', list, ['.pt'])
    .option('--require-finite', 'also treat NaN/Inf values as bad')
    .option('--workers <n>', 'worker threads', intArg('--workers', { min: 0 }), 1)
    .option('--json', 'print the summary as JSON')
    .action(async (o) => {
      const s = await checkAndRemoveTensorFilesParallel({
        root: o.root, log: o.log, action: o.action, quarantineDir: o.quarantineDir, dryRun: Boolean(o.dryRun),
        extensions: o.ext, requireFinite: Boolean(o.requireFinite), workers: o.workers, ...progressPrinter(ctx),
      });
      for (const b of s.bad) ctx.err(`${o.dryRun ? 'bad' : o.action === 'remove' ? 'removed' : 'quarantined'}: ${b.path}: ${b.reason}`);
      report(ctx, o.json, s, `check: ${s.checked} files, ${s.bad.length} bad${o.dryRun ? ' (dry run: nothing changed)' : ''}; log ${o.log}`);
    });
}

/**
 * `weatherlearn gridrad preprocess|to-pt|split|check`: the GridRad/GOES pipeline from netCDF files to
 * clean per-slice tensor files (see packages/gridrad/README.md).
 */
export const registerGridrad: RegisterCommand = (program, ctx) => {
  const gridrad = program.command('gridrad')
    .description('GridRad/GOES pipeline: netCDF → crops+patches (.npz) → .pt chunks → filtered per-slice files; corrupt-file sweeps');
  registerPreprocess(gridrad, ctx);
  registerToPt(gridrad, ctx);
  registerSplit(gridrad, ctx);
  registerCheck(gridrad, ctx);
};
