import { InvalidArgumentError, Option, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { asFitacf, asGrid, asMap, dmapRecordKind, readDmapFile, readSafetensorsWithMetadata, readTensorFile, recordTime, toFloat32, type DmapRecord, type Tensor } from '@weatherlearn/tensor-io';
import { AacgmGeolocator, NETWORK_HARDWARE, readHardwareFiles, unsuitableReason, type SuperdarnNeed } from '@weatherlearn/superdarn';
import {
  checkParameter, COLORMAPS, parseMetricsJsonl, plotChannels, plotConvectionMap, plotCropPatches, plotCurves, plotFan,
  plotForecast, plotGridVectors, plotPca, plotRtp, splitScans, writePlot, type ColormapName,
} from '@weatherlearn/viz';
import { intArg, numberArg } from '../cli-args.js';
import type { AppContext, RegisterCommand } from './types.js';

const pair = (v: string): [number, number] => {
  const p = v.split(',').map((s) => Number(s));
  if (p.length !== 2 || !p.every(Number.isFinite) || p[0]! >= p[1]!) throw new InvalidArgumentError(`expected LO,HI with LO < HI (e.g. -600,600), got '${v}'`);
  return p as [number, number];
};
const cmap = (v: string): ColormapName => { if (!COLORMAPS.includes(v as ColormapName)) throw new InvalidArgumentError(`unknown colour map '${v}' (valid: ${COLORMAPS.join(', ')})`); return v as ColormapName; };
const param = (v: string) => { try { return checkParameter(v); } catch (e) { throw new InvalidArgumentError((e as Error).message); } };
const list = (v: string): string[] => v.split(',').map((s) => s.trim()).filter(Boolean);
const site = (v: string): { lat: number; lon: number } => {
  const [lat, lon, extra] = v.split(',').map(Number);
  if (extra !== undefined || !(Math.abs(lat!) <= 90 && Math.abs(lon!) <= 360)) throw new InvalidArgumentError(`expected LAT,LON in degrees (e.g. 38.86,-99.39), got '${v}'`);
  return { lat: lat!, lon: lon! };
};

interface Common { out: string; scale: number }

function withOutput(cmd: Command): Command {
  return cmd.requiredOption('-o, --out <file>', 'output image: .png (rasterised) or .svg').option('--scale <k>', 'PNG pixel scale (2 = twice the size)', numberArg('--scale', { above: 0 }), 1);
}

async function save(ctx: AppContext, o: Common, svg: string, what: string): Promise<void> {
  await writePlot(o.out, svg, { scale: o.scale });
  ctx.out(`wrote ${o.out} (${what})`);
}

/** Records of a DMAP file (lax: corrupt regions reported), refused with a reason when its content is not `need`. */
async function dmapRecords(file: string, ctx: AppContext, need: SuperdarnNeed): Promise<DmapRecord[]> {
  const { records, skipped } = await readDmapFile(file, { mode: 'lax' });
  for (const s of skipped) ctx.err(`${file}: skipped record ${s.index} at byte ${s.offset}: ${s.reason}`);
  if (!records.length) throw new Error(`${file}: no readable DMAP records`);
  const why = unsuitableReason(dmapRecordKind(records[0]!), need);
  if (why) throw new Error(`${file}: ${why}`);
  return records;
}

function pickRecord(records: DmapRecord[], index: number | undefined, file: string, score: (r: DmapRecord) => number): DmapRecord {
  if (index !== undefined) {
    const r = records[index];
    if (!r) throw new Error(`${file}: --record ${index} out of range (the file has ${records.length} records, 0..${records.length - 1})`);
    return r;
  }
  return records.reduce((a, b) => (score(b) > score(a) ? b : a));
}

function pickTensor(dict: Record<string, Tensor>, key: string | undefined, file: string): Tensor {
  const keys = Object.keys(dict);
  if (key !== undefined) { const t = dict[key]; if (!t) throw new Error(`${file}: no tensor '${key}' (keys: ${keys.join(', ')})`); return t; }
  if (keys.length !== 1) throw new Error(`${file}: holds ${keys.length} tensors (${keys.join(', ')}); choose one with --key`);
  return dict[keys[0]!]!;
}

/**
 * `weatherlearn plot <kind> …`: RTP, fan, GRID vectors and convection maps from DMAP files;
 * training samples, forecasts, GridRad crops and PCA of embeddings from tensor files; loss curves.
 */
export const registerPlot: RegisterCommand = (program, ctx) => {
  const plot = program.command('plot').description('plots of SuperDARN files, training samples, crops, embeddings and loss curves (PNG or SVG)');
  withOutput(plot.command('rtp').description('range-time plot of one beam of a FITACF file').argument('<file>', 'FITACF file (plain or .bz2)'))
    .option('--beam <n>', 'beam number', intArg('--beam'), 7).option('--param <p>', 'v (velocity), p_l (power), w_l (spectral width), elv', param, 'v')
    .option('--channel <n>', 'only this channel', intArg('--channel'))
    .option('--ground-scatter', 'shade ground scatter grey (default for velocity)').option('--no-ground-scatter', 'colour ground scatter like the rest')
    .option('--range <lo,hi>', 'colour range (default per parameter, velocity -600,600)', pair).option('--cmap <name>', `colour map (${COLORMAPS.join(', ')})`, cmap)
    .addHelpText('after', '\nExample:\n  weatherlearn plot rtp 20140101.0401.00.fhw.fitacf.bz2 --beam 7 --param v -o rtp.png')
    .action(async (file: string, o: Common & { beam: number; param: 'v'; channel?: number; groundScatter?: boolean; range?: [number, number]; cmap?: ColormapName }) => {
      const fit = (await dmapRecords(file, ctx, 'fitacf')).map(asFitacf);
      const p = plotRtp(fit, { beam: o.beam, parameter: o.param, ...(o.groundScatter === undefined ? {} : { groundScatter: o.groundScatter }), ...(o.channel === undefined ? {} : { channel: o.channel }), ...(o.range ? { range: o.range } : {}), ...(o.cmap ? { cmap: o.cmap } : {}) });
      await save(ctx, o, p.svg, `${p.records} records of beam ${o.beam}`);
    });
  withOutput(plot.command('fan').description('fan plot of one scan of a FITACF file (AACGM-v2 polar grid, or geographic with --coords geo)').argument('<file>', 'FITACF file (plain or .bz2)'))
    .option('--scan <n>', 'scan index (0-based; default: the scan with the most data)', intArg('--scan')).option('--param <p>', 'v, p_l, w_l or elv', param, 'v')
    .option('--site <lat,lon>', 'radar site (default: from the network hardware table by stid)', site)
    .option('--hardware <files...>', 'radar hardware tables (RST hdw.dat.<code> or JSON) for radars the built-in table lacks')
    .option('--ground-scatter', 'shade ground scatter grey (default for velocity)').option('--no-ground-scatter', 'colour ground scatter too')
    .option('--range <lo,hi>', 'colour range', pair).option('--cmap <name>', 'colour map', cmap)
    .addOption(new Option('--coords <frame>', "map frame: 'aacgm' (default, as pyDARN) = AACGM-v2 magnetic lat/lon at the 300 km virtual height (the frame of `plot grid`/`convection`), 'geo' = geographic lat/lon").choices(['geo', 'aacgm']).default('aacgm'))
    .action(async (file: string, o: Common & { scan?: number; param: 'v'; site?: { lat: number; lon: number }; hardware?: string[]; groundScatter?: boolean; range?: [number, number]; cmap?: ColormapName; coords: 'geo' | 'aacgm' }) => {
      const hardware = o.hardware?.length ? await readHardwareFiles(o.hardware, NETWORK_HARDWARE) : undefined;
      const scans = splitScans((await dmapRecords(file, ctx, 'fitacf')).map(asFitacf));
      let i = o.scan ?? 0;
      if (o.scan === undefined) scans.forEach((s, k) => { if (s.reduce((n, r) => n + (r.slist?.length ?? 0), 0) > scans[i]!.reduce((n, r) => n + (r.slist?.length ?? 0), 0)) i = k; });
      if (!scans[i]) throw new Error(`${file}: --scan ${i} out of range (${scans.length} scans)`);
      const aacgm = o.coords === 'aacgm' ? new AacgmGeolocator({ onWarning: (m) => ctx.err(`warning: ${m}`) }) : undefined;
      const p = plotFan(scans[i]!, { parameter: o.param, coords: o.coords, ...(aacgm ? { aacgm } : {}), ...(hardware ? { hardware } : {}), ...(o.groundScatter === undefined ? {} : { groundScatter: o.groundScatter }), ...(o.site ? { site: o.site } : {}), ...(o.range ? { range: o.range } : {}), ...(o.cmap ? { cmap: o.cmap } : {}) });
      await save(ctx, o, p.svg, `scan ${i} at ${recordTime(scans[i]![0]!.record).toISOString()}, ${p.cells} cells`);
    });
  withOutput(plot.command('grid').description('line-of-sight vectors of a GRID (grdmap) record').argument('<file>', 'GRID file (plain or .bz2)'))
    .option('--record <n>', 'record index (default: the record with the most vectors)', intArg('--record'))
    .action(async (file: string, o: Common & { record?: number }) => {
      const rec = pickRecord(await dmapRecords(file, ctx, 'grid'), o.record, file, (r) => r.arrayField('vector.mlat')?.data.length ?? 0);
      const p = plotGridVectors(asGrid(rec));
      await save(ctx, o, p.svg, `record ${rec.index}, ${p.vectors} vectors`);
    });
  withOutput(plot.command('convection').alias('map').description('convection map of a MAP (cnvmap) record: potential contours, fitted vectors, pot.drop').argument('<file>', 'MAP file (plain or .bz2)'))
    .option('--record <n>', 'record index (default 0)', intArg('--record')).option('--step <kV>', 'contour spacing in kV', numberArg('--step', { above: 0 }), 3)
    .action(async (file: string, o: Common & { record?: number; step: number }) => {
      const rec = pickRecord(await dmapRecords(file, ctx, 'map'), o.record ?? 0, file, () => 0);
      const p = plotConvectionMap(asMap(rec), { contourStep: o.step * 1000 });
      await save(ctx, o, p.svg, `record ${rec.index}, Φpc ${(p.potentialDrop / 1000).toFixed(1)} kV (file pot.drop ${p.filePotentialDrop === undefined ? 'n/a' : (p.filePotentialDrop / 1000).toFixed(1)} kV)`);
    });
  withOutput(plot.command('sample').description('channels of a (C,H,W) tensor, or prediction vs truth vs difference').argument('<file>', 'tensor file (.safetensors, .npz, .npy, .pt)'))
    .option('--key <name>', 'tensor to draw (needed when the file holds several)').option('--pred <key>', 'prediction tensor (with --truth)').option('--truth <key>', 'truth tensor (with --pred)')
    .option('--names <a,b,…>', 'channel names', list)
    .action(async (file: string, o: Common & { key?: string; pred?: string; truth?: string; names?: string[] }) => {
      const { tensors: dict, metadata } = /\.safetensors$/i.test(file) ? readSafetensorsWithMetadata(new Uint8Array(await readFile(file)), file) : { tensors: await readTensorFile(file), metadata: {} as Record<string, string> };
      if ((o.pred === undefined) !== (o.truth === undefined)) throw new Error('--pred and --truth go together');
      // forecast/sample files carry channel names, units and the observed-cell mask: use them
      const names = o.names ?? metadata.channels?.split(','), units = metadata.units?.split(',');
      const svg = o.pred ? plotForecast(pickTensor(dict, o.pred, file), pickTensor(dict, o.truth, file), { ...(names ? { names } : {}), ...(units && !o.names ? { units } : {}), ...(dict.mask ? { mask: toFloat32(dict.mask) } : {}) })
        : plotChannels(pickTensor(dict, o.key, file), { ...(o.names ? { names: o.names } : {}) });
      await save(ctx, o, svg, o.pred ? 'forecast vs truth' : 'channels');
    });
  withOutput(plot.command('crop').description('a GridRad/GOES crop with its patch grid').argument('<file>', 'tensor file holding a (C,H,W) crop'))
    .option('--key <name>', 'tensor to draw (default: crop, else the only one)').option('--channel <n>', 'channel', intArg('--channel'), 0).option('--grid <n>', 'patches per side', intArg('--grid'), 8)
    .action(async (file: string, o: Common & { key?: string; channel: number; grid: number }) => {
      const dict = await readTensorFile(file);
      await save(ctx, o, plotCropPatches(pickTensor(dict, o.key ?? (dict.crop ? 'crop' : undefined), file), { channel: o.channel, grid: o.grid }), `channel ${o.channel}`);
    });
  withOutput(plot.command('pca').description('2-D PCA of (N,D) embeddings coloured by a label').argument('<file>', 'tensor file with the embeddings'))
    .option('--key <name>', 'embeddings tensor').option('--labels <key>', 'tensor of N labels (numbers) in the same file')
    .action(async (file: string, o: Common & { key?: string; labels?: string }) => {
      const dict = await readTensorFile(file);
      const emb = pickTensor(dict, o.key ?? (o.labels ? Object.keys(dict).find((k) => k !== o.labels) : undefined), file);
      const labels = o.labels ? Array.from(pickTensor(dict, o.labels, file).data as ArrayLike<number>, Number) : Array.from({ length: emb.shape[0] ?? 0 }, (_, i) => i);
      const p = plotPca(emb, labels, { labelName: o.labels ?? 'index' });
      await save(ctx, o, p.svg, `PC1 ${(p.pca.explained[0] * 100).toFixed(1)}%, PC2 ${(p.pca.explained[1] * 100).toFixed(1)}%`);
    });
  withOutput(plot.command('curves').description('loss / metric curves of a run').argument('<run>', 'run folder (reads metrics.jsonl) or a metrics.jsonl file'))
    .option('--metrics <a,b,…>', 'metrics to draw (default: all)', list)
    .action(async (run: string, o: Common & { metrics?: string[] }) => {
      const path = statSync(run, { throwIfNoEntry: false })?.isDirectory() ? join(run, 'metrics.jsonl') : run;
      const rows = parseMetricsJsonl(await readFile(path, 'utf8').catch((e: Error) => { throw new Error(`cannot read ${path}: ${e.message}`); }), path);
      await save(ctx, o, plotCurves(rows, { ...(o.metrics ? { metrics: o.metrics } : {}) }), `${rows.length} steps`);
    });
};
