import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { listSuperdarnFiles } from '@weatherlearn/superdarn';
import type { AppContext } from '../../commands/types.js';
import { registerSuperdarn } from '../../commands/superdarn.js';
import { registerGridrad } from '../../commands/gridrad.js';
import { registerTrain } from '../../commands/train.js';
import { registerPlot } from '../../commands/plot.js';
import { registerReport } from '../../commands/report.js';
import { DEMO_PRESETS, type DemoSize } from './presets.js';
import { generateDemoData } from './generate.js';
import { demoDinoConfig, demoPanguConfig, type DemoConfigOptions } from './configs.js';
import { runSubcommand } from './subcommand.js';
import { plotVelocityForecast } from './velocity-plot.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  out: string;
  size: DemoSize;
  /** Real files instead of generated ones: GRID/MAP files (Pangu) and netCDF files (DINO), searched recursively. */
  data?: string;
  seed: number;
  backend: DemoConfigOptions['backend'];
  /** netCDF variables read as channels (default: gridrad's, `ir_brightness_temperature,visible_reflectance`). */
  variables?: string[];
}

/** Defaults: `demo-output/`, size `small`, seed 0, wasm. */
export const DEFAULT_DEMO_OPTIONS: DemoOptions = { out: 'demo-output', size: 'small', seed: 0, backend: 'wasm' };

/** What a demo run wrote (absolute paths; a part is absent when its data was missing). */
export interface DemoResult {
  out: string;
  pangu?: { dataset: string; run: string; weights: string; report: string; plots: string[] };
  dino?: { dataset: string; run: string; weights: string; report: string; plots: string[] };
  seconds: number;
}

/** Marker of a demo folder: a rerun may clear what the demo wrote there, and nothing else. */
const MARKER = 'demo.json';
const PARTS = ['raw', 'data', 'configs', 'runs', 'plots', MARKER];

function findFiles(dir: string, test: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) findFiles(join(dir, e.name), test, out);
    else if (test(e.name)) out.push(join(dir, e.name));
  }
  return out.sort();
}

async function prepareOut(out: string): Promise<void> {
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new Error(`--out ${out} is a file; give a folder`);
    const names = readdirSync(out);
    if (names.length && !names.includes(MARKER)) throw new Error(`--out ${out} is not empty and was not written by the demo; choose a new folder`);
    for (const p of PARTS) await rm(join(out, p), { recursive: true, force: true });
  }
  await mkdir(out, { recursive: true });
}

/**
 * `weatherlearn demo`: generated (or the user's) SuperDARN GRID and GOES-like files → the same
 * CLI commands a user runs (`superdarn grid`, `gridrad preprocess|to-pt|split`, `train pangu|dino`,
 * `plot`, `report`), each printed as it runs → checkpoints, metrics (jsonl + TensorBoard), PNG plots
 * and HTML reports under `out`. Returns the paths written.
 */
export async function runDemo(opts: DemoOptions, ctx: AppContext): Promise<DemoResult> {
  const t0 = Date.now();
  const p = DEMO_PRESETS[opts.size];
  const out = resolve(opts.out);
  const at = (...s: string[]) => join(out, ...s);
  let steps = 6, step = 0;
  const stage = (title: string) => ctx.err(`[demo ${++step}/${steps}] ${title} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  if (opts.data && (resolve(opts.data) + sep).startsWith(out + sep)) throw new Error(`--data ${opts.data} lies inside --out ${opts.out}, which the demo clears; copy the files elsewhere first`);
  await prepareOut(out);
  await writeFileAtomic(at(MARKER), JSON.stringify({ tool: 'weatherlearn demo', size: opts.size, seed: opts.seed, data: opts.data ?? null, started: new Date(t0).toISOString() }, null, 2) + '\n');

  let gridFiles: string[], ncDir: string, ncCount: number;
  if (opts.data) {
    if (!existsSync(opts.data) || !statSync(opts.data).isDirectory()) throw new Error(`--data ${opts.data}: no such folder`);
    gridFiles = await listSuperdarnFiles(opts.data, { kinds: ['grid', 'map'] });
    ncDir = resolve(opts.data);
    ncCount = findFiles(ncDir, (n) => n.endsWith('.nc')).length;
    ctx.err(`--data ${opts.data}: ${gridFiles.length} GRID/MAP file(s), ${ncCount} netCDF file(s)`);
    if (!gridFiles.length && !ncCount) throw new Error(`--data ${opts.data}: no SuperDARN GRID/MAP files (*.grdmap, *.grd, *.map, *.cnvmap[.bz2]) and no *.nc files`);
    steps = (gridFiles.length ? 2 : 0) + (ncCount ? 2 : 0) + 1;
  } else {
    stage('generating a SuperDARN GRID day file and GOES-like netCDF files with testkit');
    const raw = await generateDemoData(at('raw'), p, opts.seed, (l) => ctx.err(`  ${l}`));
    gridFiles = await listSuperdarnFiles(raw.superdarn, { kinds: ['grid', 'map'] });
    ncDir = raw.goes;
    ncCount = p.goesFiles;
  }
  const cfgOpts: DemoConfigOptions = { seed: opts.seed, backend: opts.backend };
  const result: DemoResult = { out, seconds: 0 };
  await mkdir(at('configs'), { recursive: true });
  await mkdir(at('plots'), { recursive: true });

  if (gridFiles.length) {
    stage('SuperDARN: gridding GRID records into a dataset folder');
    const ds = at('data', 'superdarn');
    await runSubcommand([registerSuperdarn], ['superdarn', 'grid', '--input', ...gridFiles, '--out', ds, '--grid-size', String(p.grid),
      '--window-minutes', String(p.windowMinutes), '--split', '0.6,0.2,0.2', '--split-block-minutes', String(p.splitBlockMinutes), '--shard-size', '32'], ctx);
    stage('SuperDARN: training Pangu (superdarn preset)');
    const cfg = at('configs', 'pangu.json'), run = at('runs', 'pangu');
    await writeFileAtomic(cfg, JSON.stringify(demoPanguConfig(p, ds, cfgOpts), null, 2) + '\n');
    await runSubcommand([registerTrain], ['train', 'pangu', '--config', cfg, '--out', run], ctx);
    const plots = [at('plots', 'pangu-loss.png'), join(run, 'samples', 'velocity-forecast.png'), at('plots', 'superdarn-grid-vectors.png')];
    await runSubcommand([registerPlot], ['plot', 'curves', run, '-o', plots[0]!, '--scale', '2'], ctx);
    const samples = findFiles(join(run, 'samples'), (n) => n.endsWith('.safetensors'));
    const drawn = await plotVelocityForecast(samples, plots[1]!);
    ctx.err(`  wrote ${plots[1]} (${drawn.channel} of ${drawn.file}: truth, prediction, difference)`);
    await runSubcommand([registerPlot], ['plot', 'grid', gridFiles[0]!, '-o', plots[2]!], ctx);
    await runSubcommand([registerReport], ['report', run], ctx);
    result.pangu = { dataset: ds, run, weights: join(run, 'final.pt'), report: join(run, 'report.html'), plots };
  } else ctx.err('no GRID/MAP files: skipping the SuperDARN/Pangu part');

  if (ncCount) {
    stage('GOES/GridRad: preprocess → to-pt → split into per-tensor .pt files');
    const npz = at('data', 'gridrad', 'npz');
    await runSubcommand([registerGridrad], ['gridrad', 'preprocess', '--input', ncDir, '--output', npz, '--checkpoint', at('data', 'gridrad', 'preprocess.checkpoint'),
      '--workers', '0', '--seed', String(opts.seed), '--crop-size', String(p.crop), '--patch-size', String(p.patch), '--fill', 'fill',
      ...(opts.variables?.length ? ['--variables', opts.variables.join(',')] : [])], ctx);
    await runSubcommand([registerGridrad], ['gridrad', 'to-pt', '--input', npz], ctx);
    await runSubcommand([registerGridrad], ['gridrad', 'split', '--input', npz, '--kind', 'patches'], ctx);
    stage('GOES/GridRad: training a tiny DINO ViT on the patches');
    const ds = join(npz, 'split', 'patches'), cfg = at('configs', 'dino.json'), run = at('runs', 'dino');
    const kept = existsSync(ds) ? findFiles(ds, (n) => n.endsWith('.pt')).length : 0;
    if (kept < 2) throw new Error(`only ${kept} patch(es) passed the gridrad filters (see ${ds}.manifest.json); DINO needs at least 2 — check --variables and the files`);
    await writeFileAtomic(cfg, JSON.stringify(demoDinoConfig({ ...p, dinoBatch: Math.min(p.dinoBatch, kept) }, ds, cfgOpts), null, 2) + '\n');
    await runSubcommand([registerTrain], ['train', 'dino', '--config', cfg, '--out', run], ctx);
    const plots = [at('plots', 'dino-loss.png')];
    await runSubcommand([registerPlot], ['plot', 'curves', run, '-o', plots[0]!, '--scale', '2'], ctx);
    await runSubcommand([registerReport], ['report', run], ctx);
    result.dino = { dataset: ds, run, weights: join(run, 'final.pt'), report: join(run, 'report.html'), plots };
  } else ctx.err('no netCDF files: skipping the GOES/GridRad/DINO part');

  stage('done');
  result.seconds = (Date.now() - t0) / 1000;
  return result;
}
