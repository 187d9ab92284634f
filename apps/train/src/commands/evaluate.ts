import { InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { initEngine, type BackendName } from '@weatherlearn/engine';
import { parseBaselines, scorecardToCsv, type BaselineName, type Scorecard } from '@weatherlearn/evaluate';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { plotLeadCurves, plotScorecard, writePlot } from '@weatherlearn/viz';
import { openEvalData } from '../evaluation/data.js';
import { evalDataShape, loadForecastModel, type ForecastModel } from '../evaluation/model.js';
import { evaluateForecasts } from '../evaluation/run-eval.js';
import { collectiveFromEnv } from '../runs/distributed.js';
import { intArg } from '../cli-args.js';
import type { RegisterCommand } from './types.js';
import { itemProgress } from '../progress.js';

/** `--lead-times N` or `1..N` → N (every lead 1..N is scored: the rollout passes through them). */
export function parseLeadTimes(v: string): number {
  const m = /^(?:1\.\.)?(\d+)$/.exec(v.trim());
  if (!m || Number(m[1]) < 1) throw new InvalidArgumentError(`--lead-times takes N or 1..N (model steps), got "${v}"`);
  return Number(m[1]);
}

const baselines = (v: string): BaselineName[] => { try { return parseBaselines(v); } catch (e) { throw new InvalidArgumentError((e as Error).message); } };
const split = (v: string) => { if (!['train', 'val', 'test'].includes(v)) throw new InvalidArgumentError(`--split must be train, val or test, got "${v}"`); return v as 'train' | 'val' | 'test'; };

/** Writes scorecard.json, scorecard.csv, the heatmap and the RMSE-vs-lead curves (PNG + SVG) into `out`. */
export async function writeScorecardFiles(card: Scorecard, out: string): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const files = [join(out, 'scorecard.json'), join(out, 'scorecard.csv')];
  await writeFileAtomic(files[0]!, JSON.stringify(card, null, 2) + '\n');
  await writeFileAtomic(files[1]!, scorecardToCsv(card));
  const hasSkill = card.rows.some((r) => r.skill_vs_persistence !== null && r.model !== 'persistence');
  const heat = plotScorecard(card.rows, { metric: hasSkill ? 'skill_vs_persistence' : 'rmse', title: hasSkill ? 'Skill vs persistence (blue = better)' : 'RMSE' });
  const curves = plotLeadCurves(card.rows, { metric: 'rmse' });
  for (const [name, svg] of [['scorecard', heat], ['rmse-vs-lead', curves]] as const) {
    for (const ext of ['png', 'svg']) { const p = join(out, `${name}.${ext}`); await writePlot(p, svg); files.push(p); }
  }
  return files;
}

/** `weatherlearn evaluate RUN_DIR… --data DS`: WeatherBench-style scorecards against persistence and climatology. */
export const registerEvaluate: RegisterCommand = (program, ctx) => {
  program.command('evaluate')
    .description('score trained pangu runs and baselines per lead time and channel (RMSE, MAE, bias, ACC, skill) on observed cells')
    .argument('[run_dirs...]', 'run folders from `weatherlearn train pangu` (several side by side)')
    .requiredOption('--data <dir>', 'gridded dataset folder (`weatherlearn superdarn grid`) with train/val/test splits and statistics')
    .option('--split <name>', "the dataset's own time split to score: train, val or test", split, 'test')
    .option('--lead-times <n>', 'score leads 1..N (N or 1..N, model steps)', parseLeadTimes, 6)
    .option('--baselines <list>', 'persistence, climatology (comma-separated; "" for none)', baselines, ['persistence', 'climatology'])
    .option('--hourly-climatology', 'climatology per cell and UTC hour of day (default: one map)')
    .option('--no-latitude-weights', 'weight every row equally (default: cos(MLAT), as WeatherBench weights by latitude)')
    .option('--batch-size <n>', 'forecasts rolled out together', intArg('--batch-size', { min: 1 }), 8)
    .option('--max-inits <n>', 'score at most N initial times (default: all of the split)', intArg('--max-inits', { min: 1 }))
    .requiredOption('--out <dir>', 'output folder: scorecard.json, scorecard.csv, scorecard.png/svg, rmse-vs-lead.png/svg')
    .option('--backend <name>', 'TensorFlow.js backend (default: engine.backend of the config, auto = fastest available)')
    .addHelpText('after', `
Metrics are computed in physical units only where the truth is observed: a cell counts when the
dataset's "coverage" (else "count") channel is > 0 there; without either, where any channel is
non-zero (the scorecard's metadata says which). Rows are cos(MLAT)-weighted. ACC uses anomalies
against the training-split climatology; skill = 1 − MSE/MSE_baseline on the same cells.
Under \`weatherlearn launch --nproc 2 -- evaluate …\` (or srun) the ranks share the initial times and rank 0\nwrites the files. Put --out inside a run folder (RUN_DIR/eval) and \`weatherlearn report RUN_DIR\` shows the scorecard.
Examples:
  weatherlearn evaluate runs/a runs/b --data ds --baselines persistence,climatology --out eval
  weatherlearn evaluate runs/sd --data data/superdarn-grid48 --lead-times 1..12 --hourly-climatology --out runs/sd/eval`)
    .action(async (runs: string[], o: { data: string; split: 'train' | 'val' | 'test'; leadTimes: number; baselines: BaselineName[]; hourlyClimatology?: boolean; latitudeWeights: boolean; batchSize: number; maxInits?: number; out: string; backend?: string }) => {
      if (!runs.length && !o.baselines.length) throw new Error('nothing to score: give run folders and/or --baselines persistence,climatology');
      await initEngine({ backend: (o.backend ?? ctx.config().engine.backend) as BackendName, ...(ctx.config().engine.threads ? { threads: ctx.config().engine.threads } : {}) });
      const d = await openEvalData(o.data);
      const models: ForecastModel[] = [];
      // Under `weatherlearn launch` / srun: each rank scores a share of the initial times; rank 0 writes.
      const collective = await collectiveFromEnv(ctx.env, ctx.config().distributed, ctx.err);
      const lead = !collective || collective.rank === 0;
      try {
        for (const run of runs) models.push(await loadForecastModel({ run }, d.shape, evalDataShape(d)));
        const names = models.map((m) => m.name);
        const dup = names.find((n, i) => names.indexOf(n) !== i || (o.baselines as string[]).includes(n));
        if (dup) throw new Error(`two models are named "${dup}" (the run folder's name); rename one folder`);
        const progress = itemProgress(ctx, { label: '[evaluate]', unit: 'batches' });
        const card = await evaluateForecasts({
          data: d, models, split: o.split, leads: o.leadTimes, baselines: o.baselines, hourOfDay: !!o.hourlyClimatology,
          latitudeWeighting: o.latitudeWeights, batchSize: o.batchSize, maxInits: o.maxInits ?? 0, ...(collective ? { collective } : {}),
          onProgress: (done, total, what) => { if (lead) progress(done, total, what); },
        });
        if (!lead) return;
        const files = await writeScorecardFiles(card, o.out);
        const meta = card.metadata;
        ctx.err(`[evaluate] ${String(meta.initial_times)} initial times of the ${o.split} split, leads 1..${o.leadTimes}; ${String(meta.mask_rule)}`);
        for (const r of card.rows.filter((x) => x.lead === 1)) {
          ctx.out(`${r.model.padEnd(16)} lead 1 ${r.channel.padEnd(12)} rmse ${r.rmse?.toPrecision(4) ?? 'n/a'}  acc ${r.acc?.toFixed(3) ?? 'n/a'}  skill vs persistence ${r.skill_vs_persistence?.toFixed(3) ?? 'n/a'}  coverage ${(100 * r.coverage).toFixed(1)} %`);
        }
        ctx.out(`wrote ${files.join(', ')}`);
      } finally {
        models.forEach((m) => m.dispose());
        collective?.destroy();
        await d.close();
      }
    });
};
