// Port of lizhuoq/WeatherLearn/examples/pangu_lite/train.py:__main__
import { tf } from '@weatherlearn/engine';
import { Pangu, PanguTrainingModule, panguPreset, type PanguBatch, type PanguConfig } from '@weatherlearn/pangu';
import type { ChannelStats } from '@weatherlearn/superdarn';
import { indexBatchLoader, type DataLoader } from '@weatherlearn/trainer';
import { checkChoice, type TrainConfig } from './train-config.js';
import { plannedSteps, schedulesFromConfig } from './schedules.js';
import { syntheticSample } from './synthetic.js';
import { openSuperdarnData } from './superdarn-data.js';
import { writePanguSamples } from './samples.js';
import { panguValBaselines } from './baselines.js';
import type { RunParts } from './types.js';

const tuple = <N extends number>(key: string, v: number[], n: N) => {
  if (!Array.isArray(v) || v.length !== n) throw new Error(`config key "${key}" must be a list of ${n} integers, got ${JSON.stringify(v)}`);
  return v as never;
};

/**
 * The Pangu configuration a train config describes (`pangu.*`, after the preset filled the keys the
 * user did not set; see config/presets.ts); `shape` `[C, H, W]` (from a dataset folder) replaces
 * `data.channels` and `data.grid`.
 */
export function panguConfigFrom(cfg: TrainConfig, shape?: readonly [number, number, number], data: { channels?: string[]; scalars?: number } = {}): PanguConfig {
  const p = cfg.pangu;
  if (p.film && !data.scalars) throw new Error('config key "pangu.film" needs a dataset with per-frame conditioning scalars (weatherlearn superdarn grid --method polar)');
  const mask = p.lossMask === 'none' ? -1 : (data.channels ?? []).indexOf(p.lossMask);
  if (!(Number.isInteger(p.inputFrames) && p.inputFrames >= 1)) throw new Error(`config key "pangu.inputFrames" must be a positive integer, got ${JSON.stringify(p.inputFrames)}`);
  if (p.inputFrames > 1 && !data.channels) throw new Error('config key "pangu.inputFrames" > 1 needs data.source "superdarn" (earlier windows of a dataset folder)');
  if (p.lossMask !== 'none' && mask < 0) throw new Error(`config key "pangu.lossMask" is "${p.lossMask}" but the dataset has no such channel (channels: ${(data.channels ?? []).join(', ') || 'synthetic'})`);
  const [C, H, W] = shape ?? [cfg.data.channels, cfg.data.grid, cfg.data.grid];
  const masked = maskedChannels(p.lossMaskChannels, data.channels ?? [], C);
  return panguPreset(p.preset, {
    embedDim: p.embedDim, numHeads: tuple('pangu.numHeads', p.numHeads, 4), depths: tuple('pangu.depths', p.depths, 4),
    windowSize: tuple('pangu.windowSize', p.windowSize, 3), shiftSize: tuple('pangu.shiftSize', p.shiftSize, 3),
    patchSize2d: tuple('pangu.patchSize2d', p.patchSize2d, 2), mlpRatio: p.mlpRatio, timeStep: p.timeStep, noiseFactor: p.noiseFactor, dropPathRate: p.dropPathRate,
    loss: p.loss, surfaceWeight: p.surfaceWeight, init: p.init, downsample: p.downsample, dropPathSchedule: p.dropPathSchedule,
    gridSize: [H, W], surfaceChans: C, upperLevels: 0, surfaceMaskChans: C * (p.inputFrames - 1), upperChans: 0, seed: cfg.seed,
    smoothL1Beta: p.smoothL1Beta, channelWeights: p.channelWeights, lossMaskChannel: mask, lossMaskChannels: masked, lossMaskMode: p.lossMaskMode, residual: p.residual, filmDim: p.film ? data.scalars! : 0,
  });
}

/** `pangu.lossMaskChannels` (channel names of the dataset or indices < C) as channel indices. */
function maskedChannels(list: (string | number)[], names: string[], C: number): number[] {
  if (!Array.isArray(list)) throw new Error(`config key "pangu.lossMaskChannels" must be a list of channel names or indices, got ${JSON.stringify(list)}`);
  return list.map((v) => {
    const k = typeof v === 'number' || /^\d+$/.test(v) ? Number(v) : names.indexOf(v);
    if (!(Number.isInteger(k) && k >= 0 && k < C)) {
      throw new Error(`config key "pangu.lossMaskChannels": ${JSON.stringify(v)} is not a channel of the dataset (channels: ${names.join(', ') || `indices 0–${C - 1}`})`);
    }
    return k;
  });
}

/**
 * The training module of a run: the optimizer recipe (`pangu.optimizer`, `optim.*`) and schedules
 * over `totalSteps`; `diagnostics` name the channels and give the climatology of the validation skill.
 */
export function makePanguTrainingModule(cfg: TrainConfig, model: Pangu, totalSteps: number, diagnostics: { channelNames?: string[]; climatology?: tf.Tensor3D } = {}): PanguTrainingModule {
  const { lrSchedule, wdSchedule } = schedulesFromConfig(cfg, totalSteps);
  return new PanguTrainingModule(model, {
    optimizer: cfg.pangu.optimizer, lr: cfg.optim.lr, weightDecay: cfg.optim.weightDecay,
    lrSchedule, weightDecaySchedule: wdSchedule, checkpoint: cfg.pangu.checkpoint, skillMask: cfg.pangu.skillMask, ...diagnostics,
  });
}

/**
 * Climatology of the validation skill: the mean target field `(C, H, W)` over the first (at most
 * `maxBatches`) training batches, in model units.
 */
export async function trainingClimatology(train: DataLoader<PanguBatch>, maxBatches = 16): Promise<tf.Tensor3D> {
  let sum: tf.Tensor3D | null = null, n = 0;
  for (let i = 0; i < Math.min(maxBatches, train.length); i++) {
    const b = await train.batch(i, 0);
    const s = tf.tidy(() => tf.sum(b.target.surface, 0) as tf.Tensor3D);
    n += b.target.surface.shape[0];
    tf.dispose(b as unknown as tf.TensorContainer);
    const next: tf.Tensor3D = sum ? tf.add(sum, s) : s;
    if (sum) { sum.dispose(); s.dispose(); }
    sum = next;
  }
  const out = tf.div(sum!, Math.max(1, n)) as tf.Tensor3D;
  sum!.dispose();
  return out;
}

function syntheticLoader(cfg: TrainConfig, n: number, seed: number, shuffle: boolean, timeStep: number): DataLoader<PanguBatch> {
  const { grid: G, channels: C, batchSize } = cfg.data;
  return indexBatchLoader(n, (idx) => {
    const xs = new Float32Array(idx.length * C * G * G), ys = new Float32Array(xs.length);
    idx.forEach((i, k) => { const s = syntheticSample(seed, i, G, C, timeStep); xs.set(s.input, k * C * G * G); ys.set(s.target, k * C * G * G); });
    return { input: { surface: tf.tensor4d(xs, [idx.length, C, G, G]) }, target: { surface: tf.tensor4d(ys, [idx.length, C, G, G]) } };
  }, { batchSize, shuffle, seed, dropLast: false });
}

/**
 * Builds the Pangu (SuperDARN preset) run: model, adapter module, training and validation data —
 * seeded synthetic grids, or (`data.source: "superdarn"`) the train/val splits of a saved dataset
 * folder, normalised with its training statistics. `worldSize` ranks share each epoch (schedule length).
 */
export async function buildPanguRun(cfg: TrainConfig, worldSize = 1): Promise<RunParts<PanguBatch>> {
  const source = checkChoice('data.source', cfg.data.source, ['synthetic', 'superdarn'] as const);
  let train: DataLoader<PanguBatch>, val: DataLoader<PanguBatch> | undefined, pc: PanguConfig, data: string, close = () => {};
  let sampleSource: SampleSource | undefined;
  if (source === 'superdarn') {
    const sd = await openSuperdarnData(cfg);
    ({ train, val } = sd);
    pc = panguConfigFrom(cfg, sd.shape, { channels: sd.channels, scalars: sd.dataset.index.scalars?.names.length ?? 0 });
    data = `superdarn ${cfg.data.dir}: ${sd.counts.train} train / ${sd.counts.val} val samples, channels ${sd.channels.join(',')}`;
    close = () => { void sd.dataset.close(); };
    // Samples in physical units with unobserved cells masked: with the frobenius normalisation the
    // frames cannot be de-normalised, so they stay in model units.
    sampleSource = { loader: val ?? train, channels: sd.channels, ...(cfg.data.normalisation === 'dataset' ? { stats: sd.dataset.index.stats } : {}) };
  } else {
    pc = panguConfigFrom(cfg);
    train = syntheticLoader(cfg, cfg.data.samples, cfg.seed, cfg.data.shuffle, pc.timeStep);
    val = cfg.data.valSamples > 0 ? syntheticLoader(cfg, cfg.data.valSamples, cfg.seed + 1_000_003, false, pc.timeStep) : undefined;
    data = `synthetic, ${cfg.data.samples} train / ${cfg.data.valSamples} val samples`;
    sampleSource = { loader: val ?? train, channels: Array.from({ length: pc.surfaceChans }, (_, c) => `channel ${c}`) };
  }
  const warnings: string[] = [];
  if (!val) warnings.push(source === 'superdarn' ? `data.dir ${cfg.data.dir}: the validation split is empty — nothing measures generalisation (grid more data or change --split)` : 'no validation samples (data.valSamples is 0)');
  const model = new Pangu(pc);
  const climatology = val ? await trainingClimatology(train) : undefined;
  const module = makePanguTrainingModule(cfg, model, plannedSteps(cfg, worldSize > 1 ? Math.floor(train.length / worldSize) : train.length),
    { channelNames: sampleSource.channels.map((c) => c.replace(/\s+/g, '_')), ...(climatology ? { climatology } : {}) });
  const baselineOk = val && source === 'superdarn' && cfg.data.normalisation === 'dataset';
  return {
    module, train, ...(val ? { val } : {}), warnings,
    ...(baselineOk ? { baselines: async () => {
      const b = await panguValBaselines(module, val!, cfg.trainer.limitValBatches);
      return { persistence_val_loss: b.persistence, training_mean_val_loss: b.trainingMean };
    } } : {}),
    summary: { model: `pangu (${cfg.pangu.preset} preset)`, parameters: model.parameterCount(), grid: `${pc.gridSize.join('×')}×${pc.surfaceChans}`, data, batches: train.length },
    writeSamples: (dir, n) => writePanguSamples(model, sampleSource!.loader, dir, n, sampleSource!.channels, sampleSource!.stats),
    dispose: () => { module.dispose(); model.dispose(); climatology?.dispose(); close(); },
  };
}

interface SampleSource { loader: DataLoader<PanguBatch>; channels: string[]; stats?: ChannelStats }
