import { tf } from '@weatherlearn/engine';
import { Rng } from '@weatherlearn/engine/rng';
import { resolveTrainerConfig, type CheckpointConfig, type TrainerConfig } from './config.js';
import { clipGradients } from './clip.js';
import { EarlyStopping, isBetter } from './early-stopping.js';
import { findLastCheckpoint, saveCheckpoint } from './checkpoint.js';
import type { CheckpointMeta } from './checkpoint-meta.js';
import { checkOptimizer, namedParameters } from './params.js';
import { runValidation } from './validate.js';
import { WeightEma } from './ema.js';
import { accumulateGradients } from './gradient-step.js';
import { restoreCheckpoint, snapshotTensors } from './resume.js';
import { applyHyperparameters } from './hyperparameters.js';
import { allReduceStep, broadcastParameters, rescaleBatchIndex, shardLoader, type Collective } from './collective.js';
import { runValidationDistributed } from './distributed-validate.js';
import type { FitOptions, FitResult, FitStatus, TrainerEvent } from './events.js';
import type { DataLoader, Metrics, NamedParameter, OptimizerConfig, TrainerLogger, TrainingModule } from './types.js';

/** Collaborators injected into a {@link Trainer}. */
export interface TrainerDeps {
  /** Receives training metrics (every `logEveryNSteps`) and validation metrics; its run id is checkpointed. */
  logger?: TrainerLogger;
  /** Progress and lifecycle events (the app draws its progress bar from them). */
  listener?: (event: TrainerEvent) => void;
  /**
   * Data-parallel training over several processes (world size > 1): weights broadcast from rank 0,
   * each rank trains its shard of every epoch, gradients averaged before the optimizer step, only
   * rank 0 logs and writes checkpoints (all ranks resume from them), a barrier at the end.
   */
  collective?: Collective;
  /**
   * Called after each validation on the lead rank, with the weights validation used (the EMA's with
   * `ema`) still in the model, and awaited before training goes on (e.g. forecast images).
   */
  afterValidation?: (step: number, metrics: Metrics) => Promise<void>;
}

type Options = Partial<Omit<TrainerConfig, 'checkpoint'>> & { checkpoint?: Partial<CheckpointConfig> };

interface RunState {
  step: number; epoch: number; batchIndex: number;
  metrics: Metrics; best: CheckpointMeta['best']; lastSavedStep: number;
}

/**
 * The fit loop with Lightning's comforts: epochs/steps, gradient accumulation, clipping, lr/wd
 * schedules, validation every N steps, early stopping, fast dev runs, seeded determinism and
 * atomic checkpoints with exact resume. `requestCheckpoint()` / `requestStop()` are safe to call
 * from signal handlers; they act at the next optimizer-step boundary.
 */
export class Trainer {
  readonly config: TrainerConfig;
  private readonly deps: TrainerDeps;
  private checkpointRequested = false;
  private stopRequested = false;

  constructor(options: Options = {}, deps: TrainerDeps = {}) {
    this.config = resolveTrainerConfig(options);
    this.deps = deps;
  }

  /** Saves a checkpoint after the current optimizer step, then continues (SIGUSR1). */
  requestCheckpoint(): void { this.checkpointRequested = true; }

  /** Saves a checkpoint after the current optimizer step, then stops with status `interrupted` (SIGTERM). */
  requestStop(): void { this.stopRequested = true; }

  private emit(e: TrainerEvent): void { this.deps.listener?.(e); }

  /** Trains `module` on `train` (validating on `val`); resumes from the run's last checkpoint when asked. */
  async fit<B>(module: TrainingModule<B>, train: DataLoader<B>, val?: DataLoader<B>, options: FitOptions = {}): Promise<FitResult> {
    const c = this.config;
    const t0 = Date.now();
    if (!Number.isInteger(train.length) || train.length < 1) throw new Error(`the training loader has no batches (length ${train.length})`);
    const dev = c.fastDevRun > 0;
    const ckpt = dev ? '' : c.checkpoint.dir;
    const dist = this.deps.collective && this.deps.collective.worldSize > 1 ? this.deps.collective : undefined;
    const lead = !dist || dist.rank === 0;
    const logger = dev || !lead ? undefined : this.deps.logger;
    if (dist) train = shardLoader(train, dist.rank, dist.worldSize);
    const params = namedParameters(module.parameters());
    const opt: OptimizerConfig = module.configureOptimizers();
    checkOptimizer(opt, params);
    const rng = new Rng(c.seed);
    const es = c.earlyStopping && !dev ? new EarlyStopping(c.earlyStopping) : null;
    const s: RunState = { step: 0, epoch: 0, batchIndex: 0, metrics: {}, best: null, lastSavedStep: -1 };

    const ema = c.ema > 0 ? new WeightEma(c.ema, params) : null;
    let resumedFrom: string | null = null;
    if (options.resume === true && !ckpt && !dev) throw new Error('resume requested but checkpoint.dir is empty');
    const resumePath = options.resume === true ? (ckpt ? findLastCheckpoint(ckpt) : null) : options.resume || null;
    if (resumePath && !dev) {
      const data = await restoreCheckpoint(resumePath, module, params, opt.optimizer);
      const m = data.meta;
      if (m.seed !== c.seed) throw new Error(`checkpoint ${resumePath} was written by a run with seed ${m.seed}, this run has seed ${c.seed}`);
      rng.restore(m.rng);
      const batchIndex = rescaleBatchIndex(m.batchIndex, m.worldSize ?? 1, dist?.worldSize ?? 1, train.length);
      Object.assign(s, { step: m.step, epoch: m.epoch, batchIndex, metrics: m.metrics, best: m.best, lastSavedStep: m.step });
      if (es && m.earlyStopping) es.setState(m.earlyStopping);
      if (ema) ema.load(data.ema ?? {}, `checkpoint ${resumePath}`);
      resumedFrom = resumePath;
    }

    const nBatches = dev ? Math.min(c.fastDevRun, train.length) : train.length;
    const maxEpochs = dev ? 1 : c.maxEpochs;
    const perEpoch = Math.ceil(nBatches / c.accumulateGradBatches);
    const totalSteps = c.maxSteps >= 0 && !dev ? Math.min(c.maxSteps, maxEpochs * perEpoch) : maxEpochs * perEpoch;
    const valLimit = dev ? c.fastDevRun : c.limitValBatches;

    const save = async (reason: string, isBest = false) => {
      if (!ckpt || !lead) { s.lastSavedStep = s.step; return; }
      const snap = await snapshotTensors(module, params, opt.optimizer);
      const meta: CheckpointMeta = {
        format: 'weatherlearn-checkpoint', version: 2, step: s.step, epoch: s.epoch, batchIndex: s.batchIndex, seed: c.seed,
        rng: rng.state(), mathRandom: null, earlyStopping: es?.getState() ?? null,
        best: s.best, loggerRunId: logger?.runId ?? null, metrics: s.metrics, optimizer: snap.optimizerMeta,
        parameters: params.map((p) => p.name), moduleExtra: module.extraState?.() ?? null, reason, savedAt: new Date().toISOString(),
        ...(dist ? { worldSize: dist.worldSize } : {}),
      };
      const path = saveCheckpoint(ckpt, { meta, model: snap.model, optimizer: snap.optimizer, module: snap.module, ...(ema ? { ema: await ema.tensors() } : {}) }, { keepLastK: c.checkpoint.keepLastK, isBest });
      s.lastSavedStep = s.step;
      this.emit({ type: 'checkpoint', step: s.step, path, reason });
    };
    const validate = async (): Promise<boolean> => {
      if (!val) return false;
      const run = async () => {
        const m = dist ? await runValidationDistributed(module, val, valLimit, dist) : await runValidation(module, val, valLimit);
        if (lead && !dev) await this.deps.afterValidation?.(s.step, m);
        return m;
      };
      const vm = ema ? await ema.with(run) : await run();
      Object.assign(s.metrics, vm);
      logger?.logMetrics(vm, s.step);
      this.emit({ type: 'validation', step: s.step, epoch: s.epoch, metrics: vm });
      const mon = c.checkpoint.monitor;
      let stop = false;
      if (es) stop = es.update(vm);
      if (mon && ckpt) {
        const v = vm[mon];
        if (v === undefined) throw new Error(`checkpoint.monitor is "${mon}" but validation returned only: ${Object.keys(vm).join(', ')}`);
        if (isBetter(v, s.best?.value ?? null, c.checkpoint.mode)) {
          s.best = { monitor: mon, mode: c.checkpoint.mode, value: v, step: s.step };
          pendingBest = true;
        }
      }
      return stop;
    };

    let pendingBest = false;
    let status: FitStatus = dev ? 'fast-dev-run' : 'completed';
    this.emit({ type: 'start', step: s.step, totalSteps, epoch: s.epoch, resumedFrom });
    try {
      if (dist) {
        await broadcastParameters(params, dist);
        module.setCollective?.(dist);
      }
      await module.onTrainStart?.();
      let enteredEpoch = -1;
      while (s.step < totalSteps && s.epoch < maxEpochs && !(es?.getState().stopped)) {
        if (enteredEpoch !== s.epoch) { enteredEpoch = s.epoch; await module.onEpochStart?.(s.epoch); }
        const to = Math.min(s.batchIndex + c.accumulateGradBatches, nBatches);
        const tStep = performance.now(), micro = to - s.batchIndex;
        let r = await accumulateGradients(module, params, train, s.batchIndex, to, { step: s.step, epoch: s.epoch, rng });
        const agreed = dist ? await allReduceStep(r.grads, params, r.loss, r.metrics, { stop: this.stopRequested, checkpoint: this.checkpointRequested }, dist) : null;
        if (agreed) r = agreed;
        const clipped = clipGradients(r.grads, c.gradientClipVal, c.gradientClipAlgorithm);
        const final = module.onBeforeOptimizerStep ? module.onBeforeOptimizerStep(clipped.grads, s.step) : clipped.grads;
        const hp = applyHyperparameters(opt.optimizer, s.step);
        opt.optimizer.step(final);
        ema?.update();
        tf.dispose([...new Set([...Object.values(clipped.grads), ...Object.values(final)])]);
        s.step += 1;
        s.batchIndex = to;
        await module.onAfterOptimizerStep?.(s.step);
        // Diagnostics: wall time of the step (data, forward, backward, update) and, when the module reports its batch size, samples/s.
        const stepTime = (performance.now() - tStep) / 1000;
        const bs = r.metrics.batch_size;
        const tm: Metrics = {
          loss: r.loss, ...r.metrics, ...hp, grad_norm: clipped.norm, step_time: stepTime,
          ...(bs !== undefined && stepTime > 0 ? { samples_per_s: (bs * micro) / stepTime } : {}),
        };
        Object.assign(s.metrics, tm);
        if (s.step % c.logEveryNSteps === 0) logger?.logMetrics(tm, s.step);
        this.emit({ type: 'step', step: s.step, totalSteps, epoch: s.epoch, batchIndex: s.batchIndex, metrics: tm });

        let stop = false;
        const epochEnd = s.batchIndex >= nBatches;
        if (c.valCheckInterval > 0 && s.step % c.valCheckInterval === 0) stop = await validate();
        if (epochEnd) {
          if (c.valCheckInterval === 0) stop = (await validate()) || stop;
          s.epoch += 1;
          s.batchIndex = 0;
        }
        // Let signal handlers and background I/O run: the step itself never yields a macrotask.
        await new Promise<void>((r) => setImmediate(r));
        if (stop) status = 'early-stopped';
        // Distributed: act on the requests all ranks agreed on in this step's all-reduce (later ones wait a step).
        const stopNow = agreed ? agreed.stop : this.stopRequested;
        const ckptNow = agreed ? agreed.checkpoint : this.checkpointRequested;
        if (stopNow) status = 'interrupted';
        const reason = pendingBest ? 'best' : stopNow || ckptNow ? 'requested'
          : c.checkpoint.everyNSteps > 0 && s.step % c.checkpoint.everyNSteps === 0 ? 'interval'
          : epochEnd && c.checkpoint.everyEpoch ? 'epoch' : '';
        if (reason) await save(reason, pendingBest);
        pendingBest = false;
        if (ckptNow) this.checkpointRequested = false;
        if (stop || stopNow) break;
      }
      if (s.lastSavedStep !== s.step) await save('end');
      if (dist) await dist.barrier();
      ema?.copyInto();
    } finally {
      ema?.dispose();
      this.stopRequested = false;
    }
    const result: FitResult = {
      status, step: s.step, epoch: s.epoch, totalSteps, metrics: { ...s.metrics }, best: s.best,
      checkpoint: ckpt ? findLastCheckpoint(ckpt) : null, resumedFrom, seconds: (Date.now() - t0) / 1000,
    };
    logger?.logSummary?.({ status, step: s.step, ...s.metrics, ...(s.best ? { best: s.best.value } : {}) });
    this.emit({ type: 'end', result });
    return result;
  }
}

export type { NamedParameter };
