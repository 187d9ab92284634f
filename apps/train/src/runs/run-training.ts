import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initEngine } from '@weatherlearn/engine';
import { createLoggers, FanOutLogger } from '@weatherlearn/loggers';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { Trainer, exportPt, type Collective, findLastCheckpoint, readCheckpointMeta, type FitResult, type TrainerEvent } from '@weatherlearn/trainer';
import { redactSecrets } from '../config/resolve.js';
import type { AppConfig } from '../config/schema.js';
import { loggerOptionsFromConfig } from '../commands/loggers.js';
import { Progress, summaryTable, formatNumber } from '../progress.js';
import type { TrainConfig } from './train-config.js';
import { buildPanguRun } from './pangu.js';
import { buildDinoRun } from './dino.js';
import { buildDino2kRun } from './dino2k.js';
import type { RunParts } from './types.js';
import { forecastImagesHook } from './sample-images.js';

/** Models `weatherlearn train` knows. */
export const TRAIN_MODELS = ['pangu', 'dino', 'dino2k'] as const;
/** One of {@link TRAIN_MODELS}. */
export type TrainModel = (typeof TRAIN_MODELS)[number];

/** Everything `runTraining` needs from the app: resolved configs, sinks, and signal wiring. */
export interface RunTrainingOptions {
  model: TrainModel;
  config: TrainConfig;
  app: AppConfig;
  runDir: string;
  /** true: a checkpoint must exist; false/undefined: resume automatically when one exists. */
  requireResume?: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
  isTTY: boolean;
  /** Installs signal handlers that call the trainer; returns an uninstall function. */
  onSignals?: (handlers: { checkpoint: () => void; stop: () => void }) => () => void;
  /** Data-parallel training (see `runs/distributed.ts`): only rank 0 logs, writes files and exports. */
  collective?: Collective;
}

/** The factory of each model (the only place concrete model/dataset packages meet). */
export async function buildRun(model: TrainModel, cfg: TrainConfig, worldSize = 1): Promise<RunParts<unknown>> {
  if (model === 'pangu') return (await buildPanguRun(cfg, worldSize)) as RunParts<unknown>;
  return (model === 'dino2k' ? buildDino2kRun(cfg, worldSize) : buildDinoRun(cfg, worldSize)) as RunParts<unknown>;
}

/**
 * The composition root of a training run: builds data, model, loggers and trainer from config,
 * writes `resolved-config.json`, trains (resuming from `RUN_DIR/checkpoints` when possible), and
 * exports `RUN_DIR/final.pt`.
 */
export async function runTraining(o: RunTrainingOptions): Promise<FitResult> {
  const cfg = o.config;
  const runDir = resolve(o.runDir);
  const ckptDir = join(runDir, 'checkpoints');
  const last = findLastCheckpoint(ckptDir);
  if (o.requireResume && !last) throw new Error(`--resume: ${ckptDir} holds no checkpoint to continue from`);
  const savedCfg = join(runDir, 'resolved-config.json');
  if (last && existsSync(savedCfg)) {
    const prev = JSON.parse(readFileSync(savedCfg, 'utf8')) as { model?: string };
    if (prev.model && prev.model !== o.model) throw new Error(`${runDir} holds a ${prev.model} run; cannot resume it as ${o.model} (use another --out)`);
  }
  const meta = last ? readCheckpointMeta(last) : null;
  await initEngine({ backend: cfg.engine.backend });
  const lead = !o.collective || o.collective.rank === 0;
  const run = await buildRun(o.model, cfg, o.collective?.worldSize ?? 1);
  const progress = new Progress({ write: (s) => { if (lead) o.err(s.replace(/\n$/, '')); }, isTTY: o.isTTY, every: cfg.progress.every, label: `train ${o.model}` });
  const logger = !lead ? new FanOutLogger(meta?.loggerRunId ?? `rank-${o.collective?.rank}`, []) : await createLoggers(cfg.loggers.names, {
    runDir, ...(meta?.loggerRunId ? { runId: meta.loggerRunId } : {}), name: `${o.model}-${runDir.split('/').pop()}`, tags: [o.model],
    out: (l) => progress.log(l), warn: (l) => progress.log(`warning: ${l}`), ...loggerOptionsFromConfig(o.app.loggers),
  });
  if (lead) await writeFileAtomic(savedCfg, JSON.stringify({ model: o.model, config: redactSecrets(cfg), loggers: redactSecrets(o.app.loggers) }, null, 2) + '\n');
  logger.logHyperparams({ model: o.model, ...(flatten(cfg) as Record<string, unknown>), ...run.summary });
  const images = forecastImagesHook(run as RunParts<unknown>, runDir, cfg.samplesEveryNValidations, cfg.samples, (l) => progress.log(l));
  const trainer = new Trainer(trainerOptions(cfg, ckptDir, Boolean(run.val)), {
    logger, listener: (e) => onEvent(e, progress), ...(o.collective ? { collective: o.collective } : {}), ...(images ? { afterValidation: images } : {}),
  });
  const uninstall = o.onSignals?.({ checkpoint: () => trainer.requestCheckpoint(), stop: () => trainer.requestStop() }) ?? (() => {});
  o.err(`train ${o.model}: ${Object.entries(run.summary).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (lead) for (const w of run.warnings ?? []) o.err(`warning: ${w}`);
  const baselines = lead && run.baselines ? await run.baselines() : {};
  if (Object.keys(baselines).length) {
    o.err(`baselines on the validation split (the model's loss): ${Object.entries(baselines).map(([k, v]) => `${k} ${formatNumber(v)}`).join(', ')} — val_loss must beat these`);
    logger.logMetrics(Object.fromEntries(Object.entries(baselines).map(([k, v]) => [`baseline_${k}`, v])), 0);
  }
  let result: FitResult;
  try {
    result = await trainer.fit(run.module, run.train, run.val, { resume: true });
    progress.finish();
    if (lead && result.status !== 'interrupted') {
      await exportPt(run.module, join(runDir, 'final.pt'));
      for (const f of (await run.writeArtifacts?.(runDir)) ?? []) progress.log(`wrote ${f}`);
    }
    if (lead && result.status !== 'interrupted' && run.writeSamples && cfg.samples > 0) {
      const files = await run.writeSamples(join(runDir, 'samples'), cfg.samples);
      if (files.length) progress.log(`wrote ${files.length} prediction/truth sample(s) to ${join(runDir, 'samples')}`);
    }
    await logger.finalize(result.status === 'interrupted' ? 'aborted' : 'success');
  } catch (e) {
    progress.finish();
    await logger.finalize('failed');
    throw e;
  } finally {
    uninstall();
    run.dispose();
  }
  if (!lead) return result;
  const rows: [string, string | number][] = [['status', result.status], ['steps', `${result.step}/${result.totalSteps}`], ['epochs', result.epoch],
    ...Object.entries(result.metrics).map(([k, v]) => [k, v] as [string, number]),
    ...(result.best ? [[`best ${result.best.monitor}`, `${formatNumber(result.best.value)} @ step ${result.best.step}`] as [string, string]] : []),
    ...Object.entries(baselines).map(([k, v]) => [`baseline ${k}`, v] as [string, number]),
    ['time', `${result.seconds.toFixed(1)} s`], ['run id', logger.runId]];
  o.err(summaryTable(rows, `train ${o.model} summary`));
  o.out(`run folder: ${runDir}`);
  if (result.checkpoint) o.out(`checkpoint: ${result.checkpoint}`);
  if (result.status === 'interrupted') o.out(`interrupted at step ${result.step}; run the same command again to continue`);
  else o.out(`weights:    ${join(runDir, 'final.pt')} (PyTorch state dict)`);
  return result;
}

/** The trainer's options from `trainer.*` and `seed` (one place: `train` and `reference check` use it). */
export function trainerOptions(cfg: TrainConfig, checkpointDir: string, hasValidation: boolean): ConstructorParameters<typeof Trainer>[0] {
  const t = cfg.trainer;
  return {
    maxEpochs: t.maxEpochs, maxSteps: t.maxSteps, accumulateGradBatches: t.accumulateGradBatches, gradientClipVal: t.gradientClipVal,
    gradientClipAlgorithm: t.gradientClipAlgorithm, valCheckInterval: t.valCheckInterval, limitValBatches: t.limitValBatches,
    fastDevRun: t.fastDevRun, seed: cfg.seed, deterministic: t.deterministic, logEveryNSteps: t.logEveryNSteps, ema: t.ema,
    earlyStopping: t.earlyStopping.enabled ? { monitor: t.earlyStopping.monitor, mode: t.earlyStopping.mode, patience: t.earlyStopping.patience, minDelta: t.earlyStopping.minDelta } : null,
    checkpoint: { dir: checkpointDir, ...t.checkpoint, monitor: hasValidation ? t.checkpoint.monitor : '' },
  };
}

function onEvent(e: TrainerEvent, p: Progress): void {
  if (e.type === 'start') {
    p.start(e.totalSteps, e.step);
    if (e.resumedFrom) p.log(`resuming from ${e.resumedFrom} (step ${e.step})`);
  } else if (e.type === 'step') {
    const { loss, lr } = e.metrics;
    p.update(e.step, { ...(loss !== undefined ? { loss } : {}), ...(lr !== undefined ? { lr } : {}) });
  } else if (e.type === 'validation') {
    p.log(`step ${e.step}: ${Object.entries(e.metrics).map(([k, v]) => `${k}=${formatNumber(v)}`).join(' ')}`);
  } else if (e.type === 'checkpoint' && e.reason !== 'interval' && e.reason !== 'epoch') {
    p.log(`checkpoint (${e.reason}) ${e.path}`);
  }
}

function flatten(o: object, pre = ''): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(flatten(v, `${pre}${k}.`)) : [[`${pre}${k}`, Array.isArray(v) ? v.join(',') : v]])));
}
