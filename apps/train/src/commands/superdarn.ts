import { stat, readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { formatSkipped, NoUsableInputError, writeSkippedReport, type SkippedInput } from '@weatherlearn/tensor-io';
import {
  DatasetFromDirectory, DEFAULT_GRID_CONFIG, DEFAULT_TIME_SPLIT, FITACF_CHANNELS, VECTOR_CHANNELS,
  AacgmGeolocator, datasetReport, DATASET_REPORT_FILE, findConvMapsFromFilelists, NETWORK_HARDWARE, readHardwareFiles, listSuperdarnFiles, mergeGridDatasetShards, processFitacfToFilelists, writeGridDataset,
  writeGridDatasetShard, type PresavedIndex,
  type FitacfFilelists, type GridChannel, type GridConfig, type SeriesDataset, type SeriesDatasetOptions,
} from '@weatherlearn/superdarn';
import { parseShard, type Shard } from '@weatherlearn/engine/shard';
// The S3 parts load the AWS SDK: imported where used (`/s3` subpath), never at startup.
import type { S3ConnectionOptions } from '@weatherlearn/superdarn/s3';
import { intArg, numberArg } from '../cli-args.js';
import type { AppContext, RegisterCommand } from './types.js';
import { itemProgress } from '../progress.js';

const CHANNELS = new Set<string>([...VECTOR_CHANNELS, ...FITACF_CHANNELS]);
function channelList(v: string): GridChannel[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of list) if (!CHANNELS.has(c)) throw new InvalidArgumentError(`unknown channel '${c}' (GRID/MAP: ${VECTOR_CHANNELS.join(', ')}; FITACF: ${FITACF_CHANNELS.join(', ')})`);
  if (list.length === 0) throw new InvalidArgumentError('--channels needs at least one channel');
  return list as GridChannel[];
}
function splitFractions(v: string): [number, number, number] {
  const p = v.split(',').map(Number);
  if (p.length !== 3 || p.some((x) => !Number.isFinite(x) || x < 0) || p[0] <= 0) throw new InvalidArgumentError(`--split expects TRAIN,VAL,TEST fractions like 0.8,0.1,0.1, got '${v}'`);
  return p as [number, number, number];
}
function shardArg(v: string): Shard {
  try { return parseShard(v); } catch (e) { throw new InvalidArgumentError(`--shard: ${(e as Error).message}`); }
}

/** Grid/dataset flags shared by `grid` and `presave`. */
interface GridFlags {
  out: string; gridSize: number; windowMinutes: number; method: 'grid' | 'flat' | 'polar'; channels?: GridChannel[]; timeStep: number;
  polarRadius: number; polarSigma: number; polarOrient: 'mlon' | 'mlt'; scalarStdFloor: number; scalarClip: number;
  split: [number, number, number]; splitBlockMinutes: number; latMin?: number; latMax?: number; lonMin?: number; lonMax?: number;
  hemisphere: 'auto' | 'north' | 'south'; hardware?: string[]; fitacfCoords: 'aacgm' | 'geo';
  sigma: number; accumulate: 'sum' | 'mean'; shardSize: number; shard?: Shard; strict?: boolean;
}

/**
 * Skip-and-report: prints the skipped inputs (file: reason) and writes them to `where` (a folder →
 * `where/skipped.json`, or a `.json` path). Runs `step`; when it fails because nothing usable
 * remained, the report is still written before the error propagates.
 */
async function reportSkipped<T>(ctx: AppContext, command: string, where: string, step: () => Promise<T>, list: (r: T) => { skipped: readonly SkippedInput[]; inputs: number }): Promise<T> {
  let r: T;
  try { r = await step(); } catch (e) {
    if (e instanceof NoUsableInputError) await writeSkippedReport(where, command, e.inputs, e.skipped);
    throw e;
  }
  const { skipped, inputs } = list(r);
  for (const line of formatSkipped(skipped, inputs)) ctx.err(line);
  const file = await writeSkippedReport(where, command, inputs, skipped);
  if (skipped.length) ctx.err(`skipped inputs listed in ${file}`);
  return r;
}

/** `filelists.json` → `filelists.skipped.json` (the report beside a JSON output file). */
const skippedBeside = (out: string): string => `${out.replace(/\.json$/i, '')}.skipped.json`;

function addGridOptions(cmd: Command): Command {
  const d = DEFAULT_GRID_CONFIG;
  return cmd
    .requiredOption('--out <dir>', 'dataset folder to write (index.json + shard-*.safetensors)')
    .option('--grid-size <n>', 'image side in pixels (H = W)', intArg('--grid-size', { min: 1 }), d.gridSize)
    .option('--window-minutes <w>', 'minutes per sample window', numberArg('--window-minutes'), d.windowMinutes)
    .addOption(new Option('--method <m>', "'grid' = Gaussian splat (C, H, W); 'flat' = (C, 90360) by RST cell id; 'polar' = MAP/CONVMAP fit on a pole-centred grid (6 channels + solar-wind scalars)").choices(['grid', 'flat', 'polar']).default('grid'))
    .option('--polar-radius <deg>', "with --method polar: colatitude radius of the grid (40 = down to 50° MLAT)", numberArg('--polar-radius'), d.polarRadiusDeg)
    .option('--polar-sigma <px>', 'with --method polar: Gaussian σ of the vector splat in pixels', numberArg('--polar-sigma'), d.polarSigmaPx)
    .addOption(new Option('--polar-orient <o>', "with --method polar: the grid's polar angle, 'mlon' = magnetic longitude (the original) or 'mlt' = magnetic local time of each record (mlt.av; noon, dawn, dusk at fixed pixels)").choices(['mlon', 'mlt']).default(d.polarOrient))
    .option('--scalar-std-floor <s>', "with --method polar: floor of the solar-wind scalars' training std (the original: 1; 0 = ours, only a zero std becomes 1)", numberArg('--scalar-std-floor'), d.scalarStdFloor)
    .option('--scalar-clip <c>', 'with --method polar: clip the normalised solar-wind scalars to ±c (the original: 5; 0 = no clipping)', numberArg('--scalar-clip'), d.scalarClip)
    .option('--channels <list>', `comma-separated channels (default ${d.channels.join(',')}; FITACF: v,p_l,w_l,coverage)`, channelList)
    .option('--time-step <t>', 'target = the window T windows after the input', intArg('--time-step', { min: 1 }), 1)
    .option('--split <fractions>', 'train,val,test fractions (by time, no leakage)', splitFractions, [DEFAULT_TIME_SPLIT.train, DEFAULT_TIME_SPLIT.val, DEFAULT_TIME_SPLIT.test])
    .option('--split-block-minutes <m>', 'time blocks assigned whole to one split', numberArg('--split-block-minutes'), DEFAULT_TIME_SPLIT.blockMinutes)
    .option('--lat-min <deg>', `extent: lowest latitude (AACGM-v2 MLAT; geographic for FITACF with --fitacf-coords geo; default ${d.extent.latMin}, south -90)`, numberArg('--lat-min'))
    .option('--lat-max <deg>', `extent: highest latitude (default ${d.extent.latMax}, south -50)`, numberArg('--lat-max'))
    .option('--lon-min <deg>', `extent: first longitude (default ${d.extent.lonMin})`, numberArg('--lon-min'))
    .option('--lon-max <deg>', `extent: last longitude (default ${d.extent.lonMax})`, numberArg('--lon-max'))
    .addOption(new Option('--hemisphere <h>', 'polar cap of the dataset: auto = south when every file is southern; files of the other hemisphere are skipped').choices(['auto', 'north', 'south']).default('auto'))
    .addOption(new Option('--fitacf-coords <frame>', "FITACF gates in 'aacgm' = AACGM-v2 MLAT/MLON (IGRF field-line tracing; the frame of GRID/MAP files) or 'geo' = geographic lat/lon (the seed's frame)").choices(['aacgm', 'geo']).default(d.fitacfCoords))
    .option('--hardware <files...>', 'radar hardware tables (RST hdw.dat.<code> files or JSON) overriding the built-in network table for FITACF geolocation')
    .option('--sigma <deg>', 'Gaussian σ in degrees', numberArg('--sigma'), d.sigmaDeg)
    .addOption(new Option('--accumulate <how>', "'mean' = physical per-pixel weighted means (circular for kvect, nearest for stid/channel); 'sum' = the seed's weighted sums").choices(['sum', 'mean']).default('mean'))
    .option('--shard-size <n>', 'frames per safetensors shard', intArg('--shard-size', { min: 1 }), 16)
    .option('--shard <i/n>', 'job-array task i of n: grid only this task\'s block of shard files; the last task to finish merges (see `superdarn merge`)', shardArg)
    .option('--strict', 'stop at the first unreadable or unsuitable input file (default: skip it, list it in OUT/skipped.json)');
}

async function datasetOptions(f: GridFlags, ctx: AppContext): Promise<Partial<SeriesDatasetOptions>> {
  const extent = Object.fromEntries(Object.entries({ latMin: f.latMin, latMax: f.latMax, lonMin: f.lonMin, lonMax: f.lonMax }).filter(([, v]) => v !== undefined));
  const grid: Partial<GridConfig> = {
    gridSize: f.gridSize, windowMinutes: f.windowMinutes, method: f.method, sigmaDeg: f.sigma, accumulate: f.accumulate,
    polarRadiusDeg: f.polarRadius, polarSigmaPx: f.polarSigma, fitacfCoords: f.fitacfCoords,
    polarOrient: f.polarOrient, scalarStdFloor: f.scalarStdFloor, scalarClip: f.scalarClip,
    ...(Object.keys(extent).length ? { extent: extent as unknown as GridConfig['extent'] } : {}), ...(f.channels ? { channels: f.channels } : {}),
  };
  const hardware = f.hardware?.length ? await readHardwareFiles(f.hardware, NETWORK_HARDWARE) : undefined;
  const indexed = itemProgress(ctx, { label: 'indexed', unit: 'files' });
  return {
    aacgm: new AacgmGeolocator({ onWarning: (m) => ctx.err(`warning: ${m}`) }),
    grid, timeStep: f.timeStep, strict: Boolean(f.strict), hemisphere: f.hemisphere, ...(hardware ? { hardware } : {}), split: { train: f.split[0], val: f.split[1], test: f.split[2], blockMinutes: f.splitBlockMinutes },
    onIndex: (key, done, total) => indexed(done, total, key),
  };
}

/** Writes OUT/dataset-report.json and prints its summary and warnings (after a complete dataset). */
async function sanityReport(out: string, ctx: AppContext): Promise<void> {
  const r = await datasetReport(out, { write: true });
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
  for (const k of ['train', 'val', 'test'] as const) {
    const s = r.splits[k];
    ctx.err(`${k}: ${s.samples} samples, ${s.emptyInputs}/${s.inputFrames} empty inputs, ${s.emptyTargets}/${s.targetFrames} empty targets, target coverage ${pct(s.targetCoverage)}`);
  }
  ctx.err(`frames: ${r.frames} (${r.emptyFrames} empty), coverage ${pct(r.coverage)}; ranges ${r.channels.map((c) => `${c.name} ${c.min.toPrecision(4)}..${c.max.toPrecision(4)}`).join(', ')}`);
  for (const w of r.warnings) ctx.err(`warning: ${w}`);
  ctx.err(`sanity report: ${out}/${DATASET_REPORT_FILE}`);
}

const wrote = (out: string, index: PresavedIndex) =>
  `wrote ${out}: ${index.frames.length} frames of [${index.sampleShape.join(', ')}] in ${index.shards.length} shard(s), ${index.samples.length} samples`;

async function save(ds: SeriesDataset, f: GridFlags, ctx: AppContext): Promise<void> {
  const e = ds.config.extent;
  ctx.err(`${ds.hemisphere}ern hemisphere, extent ${e.latMin}..${e.latMax}° lat, ${e.lonMin}..${e.lonMax}° lon`);
  ctx.err(`${ds.frames.length} windows with data, ${ds.length} samples (train ${ds.splits.train.length}, val ${ds.splits.val.length}, test ${ds.splits.test.length}, ${ds.droppedAtSplit} dropped at split boundaries)`);
  const onProgress = itemProgress(ctx, { label: 'gridded', unit: 'frames' });
  if (!f.shard) {
    ctx.out(wrote(f.out, await writeGridDataset(ds, f.out, { shardSize: f.shardSize, onProgress })));
    await sanityReport(f.out, ctx);
    return;
  }
  const { index: i, count: n } = f.shard;
  const r = await writeGridDatasetShard(ds, f.out, f.shard, { shardSize: f.shardSize, onProgress });
  const files = r.files.length ? `files ${r.files[0]}–${r.files[r.files.length - 1]}` : 'no files (more tasks than shard files)';
  ctx.out(`shard ${i}/${n}: ${files}, ${r.frames} frames → ${f.out}`);
  ctx.out(r.merged ? `all ${n} shards done, merged: ${wrote(f.out, r.merged)}` : `waiting for the other shards; the last one merges (or run \`weatherlearn superdarn merge --out ${f.out}\`)`);
  if (r.merged) await sanityReport(f.out, ctx);
}

function s3Options(ctx: AppContext): Partial<S3ConnectionOptions> {
  const s3 = ctx.config().s3;
  return { endpoint: s3.endpoint, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: s3.forcePathStyle };
}

/**
 * `weatherlearn superdarn filelists|maps|grid|presave|merge|mirror`: the SuperDARN pipeline from radar
 * files (or an S3 bucket) to a dataset folder of training tensors.
 */
export const registerSuperdarn: RegisterCommand = (program, ctx) => {
  const sd = program.command('superdarn').description('SuperDARN pipeline: FITACF file lists, MAP association, gridding to tensors (shardable), S3 mirror');

  sd.command('filelists')
    .description('group FITACF files into time windows in which at least N radars have data')
    .argument('<folder>', 'folder searched recursively for *.fitacf[.bz2]')
    .option('--time-window <min>', 'window length in minutes', numberArg('--time-window'), 120)
    .option('--min-radars <n>', 'minimum distinct radars per window', intArg('--min-radars', { min: 1 }), 3)
    .option('--out <file>', 'write the lists as JSON (skipped files: OUT.skipped.json)', 'filelists.json')
    .option('--strict', 'stop at the first unreadable or non-FITACF file (default: skip and list it)')
    .action(async (folder: string, o: { timeWindow: number; minRadars: number; out: string; strict?: boolean }) => {
      const r = await reportSkipped(ctx, 'superdarn filelists', skippedBeside(o.out),
        () => processFitacfToFilelists({ folder, timeWindow: o.timeWindow, minRadars: o.minRadars, out: o.out, strict: Boolean(o.strict) }),
        (x) => ({ skipped: x.skipped, inputs: x.files.length + x.skipped.length }));
      ctx.out(`${r.windows.length} windows with ≥ ${o.minRadars} radars (${r.rejected} with fewer) from ${r.files.length} files → ${o.out}`);
    });

  sd.command('maps')
    .description('attach to every file-list window the MAP/GRID files and records covering it')
    .requiredOption('--filelists <file>', 'JSON written by `superdarn filelists`')
    .requiredOption('--map-folder <dir>', 'folder searched recursively for *.map/*.cnvmap/*.grdmap[.bz2]')
    .option('--out <file>', 'write the matches as JSON (skipped files: OUT.skipped.json)', 'maps.json')
    .option('--strict', 'stop at the first unreadable or non-MAP/GRID file (default: skip and list it)')
    .action(async (o: { filelists: string; mapFolder: string; out: string; strict?: boolean }) => {
      let lists: FitacfFilelists;
      try { lists = JSON.parse(await readFile(o.filelists, 'utf8')) as FitacfFilelists; } catch (e) { throw new Error(`cannot read --filelists ${o.filelists}: ${(e as Error).message}`); }
      if (!Array.isArray(lists?.windows)) throw new Error(`${o.filelists}: no "windows" list (was it written by \`superdarn filelists\`?)`);
      const m = await reportSkipped(ctx, 'superdarn maps', skippedBeside(o.out),
        () => findConvMapsFromFilelists(lists, o.mapFolder, { out: o.out, strict: Boolean(o.strict) }),
        (x) => ({ skipped: x.skipped, inputs: x.inputs }));
      ctx.out(`${m.windows.length - m.missing.length} of ${m.windows.length} windows have maps → ${o.out}`);
      if (m.missing.length) ctx.err(`no map for: ${m.missing.slice(0, 10).join(', ')}${m.missing.length > 10 ? ', …' : ''}`);
      if (m.crossHemisphere.length) ctx.err(`refused ${m.crossHemisphere.length} cross-hemisphere window/map pair(s), e.g. ${m.crossHemisphere[0]!.file}: ${m.crossHemisphere[0]!.reason}`);
    });

  addGridOptions(sd.command('grid')
    .description('grid GRID/MAP (or FITACF) files into a dataset folder that DatasetFromPresaved reads')
    .requiredOption('--input <paths...>', 'files and/or folders (searched recursively)'))
    .addHelpText('after', `
Each window of --window-minutes becomes one float32 frame (C, H, W) (or (C, 90360) with --method
flat); a sample pairs a frame with the one --time-step windows later. Statistics of the training
split are saved in index.json; readers normalise with them. The extent is fixed for the whole
dataset (default 50–90° MLAT, 0–360° MLON). Values are physical by default (--accumulate mean:
weighted means bounded by the input values, circular mean of kvect, stid/channel of the nearest
vector); the channel 'coverage' (default last channel) is the summed kernel weight of the
measurements reaching each pixel, 0 where nothing was observed, and is not normalised. To reproduce
the seed pipeline: --accumulate sum --channels vel.median,vel.sd,kvect,stid,channel. FITACF channels (v, p_l, w_l) grid FITACF files in
geographic coordinates; set --lat-min/--lon-min/--lon-max for the radars' region.
--method polar (MAP/CONVMAP files): an azimuthal-equidistant --grid-size² grid around the magnetic
pole out to --polar-radius degrees, channels obs_vn, obs_ve (the spherical-harmonic fit's E×B drift
where radars cover the pixel, m/s), model_vn, model_ve (background model drift), occupancy
(tanh(weight/median), 0–1, not normalised) and boundary_dist (|MLAT| − Heppner–Maynard boundary);
each frame also stores IMF.Bx, IMF.By, IMF.Bz, IMF.Kp, IMF.Vx, pot.drop, chi.sqr (index.json,
normalised with training-split statistics when read).
Examples:
  weatherlearn superdarn grid --input data/2014 --out ds --grid-size 300 --window-minutes 10
  weatherlearn superdarn grid --input a.grdmap.bz2 b.grdmap.bz2 --out ds --method flat
  weatherlearn superdarn grid --input cnvmap/ --out dspolar --method polar --grid-size 120 --window-minutes 2
  weatherlearn superdarn grid --input fit/ --out dsfit --channels v,p_l,w_l --lat-min 30 --lat-max 80 --lon-min -180 --lon-max -40
Job arrays (\`weatherlearn hpc\` adds --shard itself): every task indexes all inputs, grids a
contiguous block of the shard files into --out and leaves a marker in OUT/.shards; the last task
to finish (or \`superdarn merge --out OUT\`) writes index.json. Same bytes as one unsharded run.
  weatherlearn superdarn grid --input data/2014 --out ds --shard $SLURM_ARRAY_TASK_ID/16`)
    .action(async (o: GridFlags & { input: string[] }) => {
      const files: string[] = [];
      for (const p of o.input) {
        let st;
        try { st = await stat(p); } catch { throw new Error(`--input ${p}: no such file or folder`); }
        if (st.isDirectory()) files.push(...(await listSuperdarnFiles(p)));
        else files.push(p);
      }
      if (files.length === 0) throw new Error(`no SuperDARN files in ${o.input.join(', ')}`);
      const opts = await datasetOptions(o, ctx);
      const ds = await reportSkipped(ctx, 'superdarn grid', o.out, () => DatasetFromDirectory.open(files, opts), (d) => ({ skipped: d.skipped, inputs: d.keys.length }));
      await save(ds, o, ctx);
    });

  addGridOptions(sd.command('presave')
    .description('like grid, but reads a folder or an s3://bucket/prefix (endpoint/keys from the s3.* config)')
    .requiredOption('--source <dir|s3url>', 'local folder or s3://bucket/prefix'))
    .action(async (o: GridFlags & { source: string }) => {
      const opts = await datasetOptions(o, ctx);
      const ds = await reportSkipped(ctx, 'superdarn presave', o.out, async () => (o.source.startsWith('s3://')
        ? (await import('@weatherlearn/superdarn/s3')).DatasetFromBucket.open({ url: o.source, s3: s3Options(ctx) }, opts)
        : DatasetFromDirectory.open(o.source, opts)), (d) => ({ skipped: d.skipped, inputs: d.keys.length }));
      await save(ds, o, ctx);
    });

  sd.command('merge')
    .description('assemble index.json of a dataset folder gridded by `grid --shard i/n` tasks (the last task does it itself)')
    .requiredOption('--out <dir>', 'the dataset folder the shards wrote to')
    .addHelpText('after', `
Checks that every task 0…n-1 left its marker in DIR/.shards with the same plan (same inputs and
flags), combines the training statistics in the unsharded order, writes index.json and removes
DIR/.shards. The result is byte-identical to one unsharded \`superdarn grid\`.
Example:
  weatherlearn superdarn merge --out data/grid`)
    .action(async (o: { out: string }) => {
      ctx.out(wrote(o.out, await mergeGridDatasetShards(o.out)));
      await sanityReport(o.out, ctx);
    });

  sd.command('mirror')
    .description('copy an S3 bucket/prefix to a folder (concurrent, resumable, skips unchanged files)')
    .argument('<s3url>', 's3://bucket[/prefix]')
    .argument('<dir>', 'target folder (keys keep their layout under it)')
    .option('--concurrency <n>', 'parallel downloads', intArg('--concurrency', { min: 1 }), 8)
    .addHelpText('after', `
Endpoint and keys come from the configuration (s3.endpoint, s3.accessKeyId, s3.secretAccessKey,
s3.forcePathStyle; or AWS_ENDPOINT_URL_S3 / AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
Example:
  weatherlearn superdarn mirror s3://convmap/2014 data/convmap --concurrency 16`)
    .action(async (url: string, dir: string, o: { concurrency: number }) => {
      const progress = itemProgress(ctx, { label: 'mirror', unit: 'objects' });
      const { mirrorBucket } = await import('@weatherlearn/superdarn/s3');
      const r = await mirrorBucket(url, dir, {
        s3: s3Options(ctx), concurrency: o.concurrency,
        onProgress: (p) => progress(p.done, p.total, `${(p.bytes / 1e6).toFixed(1)} MB this run, ${p.action} ${p.key}`),
      });
      for (const x of r.refused) ctx.err(`refused ${JSON.stringify(x.key)}: ${x.reason}`);
      for (const x of r.failed) ctx.err(`failed ${x.key}: ${x.error}`);
      ctx.out(`mirrored ${url} → ${dir}: ${r.downloaded.length} downloaded, ${r.skipped.length} unchanged, ${r.refused.length} refused, ${r.failed.length} failed (${(r.bytes / 1e6).toFixed(1)} MB)`);
      if (r.failed.length) throw new Error(`${r.failed.length} object(s) failed; run the command again to resume`);
    });
};
