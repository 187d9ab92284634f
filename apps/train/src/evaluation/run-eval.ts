import {
  accumulateFrame, ClimatologyAccumulator, latitudeWeights, maskRuleFor, observedMask, ScorecardAccumulator, uniformWeights,
  type BaselineName, type Climatology, type Scorecard,
} from '@weatherlearn/evaluate';
import type { SplitName } from '@weatherlearn/superdarn';
import type { Collective } from '@weatherlearn/trainer';
import { allReduceScorecard, rankShare } from './ranks.js';
import { targetFrame, type EvalData } from './data.js';
import type { ForecastModel } from './model.js';
import { rollout } from './rollout.js';

/** Options of {@link evaluateForecasts}. */
export interface EvaluateOptions {
  data: EvalData;
  models: ForecastModel[];
  split: SplitName;
  /** Lead times 1..leads (model steps). */
  leads: number;
  baselines: BaselineName[];
  /** Climatology per UTC hour of day. */
  hourOfDay: boolean;
  /** Cosine-latitude weights (default) or uniform. */
  latitudeWeighting: boolean;
  /** Initial frames per model batch. */
  batchSize: number;
  /** At most this many initial times (0: all). */
  maxInits: number;
  onProgress?: (done: number, total: number, what: string) => void;
  /** Ranks of `weatherlearn launch`: each scores its share of the initial times; sums are reduced over all. */
  collective?: Collective;
}

/** The training split's climatology (streamed frame by frame). */
export async function trainingClimatology(d: EvalData, hourOfDay: boolean): Promise<Climatology> {
  const [C, H, W] = d.shape;
  const acc = new ClimatologyAccumulator(C, H * W, maskRuleFor(d.channels), { hourOfDay });
  for (const k of [...d.splitFrames.train].sort((a, b) => a - b)) acc.add(await d.dataset.frame(k), d.times[k]!);
  if (acc.result().frames === 0) throw new Error(`--data ${d.dir}: the train split is empty, so there is no climatology to compare with`);
  return acc.result();
}

/**
 * Scores every model and baseline on the initial times of `split` at leads 1..N: truth frames are
 * read one batch at a time (never the dataset), each (init, lead) pair is scored only where the
 * truth is observed (see `observedMask`), and pairs whose target window is missing or outside the
 * split are skipped. Returns the scorecard with its metadata.
 */
export async function evaluateForecasts(o: EvaluateOptions): Promise<Scorecard> {
  const d = o.data, [C, H, W] = d.shape;
  const rule = maskRuleFor(d.channels);
  const w = o.latitudeWeighting ? latitudeWeights(H, d.latRange[0], d.latRange[1]) : uniformWeights(H);
  const clim = await trainingClimatology(d, o.hourOfDay);
  const card = new ScorecardAccumulator(d.channels);
  let inits = d.inits[o.split];
  if (o.maxInits > 0) inits = inits.slice(0, o.maxInits);
  if (inits.length === 0) throw new Error(`--data ${d.dir}: the ${o.split} split has no samples to start forecasts from`);
  const allInits = inits.length;
  if (o.collective) inits = rankShare(inits, o.collective.rank, o.collective.worldSize);
  // every (model, lead) exists on every rank, in one order (baselines first), even with no share
  const keys = [...o.baselines, ...o.models.map((m) => m.name)].flatMap((m) => Array.from({ length: o.leads }, (_, l) => [m, l + 1] as const));
  for (const [m, l] of keys) card.get(m, l);
  const total = Math.ceil(inits.length / o.batchSize) * (1 + o.models.length);
  let done = 0;
  for (let s = 0; s < inits.length; s += o.batchSize) {
    const batch = inits.slice(s, s + o.batchSize);
    const initials = await Promise.all(batch.map((k) => d.dataset.frame(k)));
    // truth (raw frame + mask) of every (init, lead) of this batch, read once
    const truth: ({ raw: Float32Array; mask: Uint8Array; time: number } | undefined)[][] = [];
    for (let lead = 1; lead <= o.leads; lead++) {
      truth.push(await Promise.all(batch.map(async (k) => {
        const t = targetFrame(d, k, lead, o.split);
        if (t === undefined) return undefined;
        const raw = await d.dataset.frame(t);
        return { raw, mask: observedMask(raw, C, rule), time: d.times[t]! };
      })));
    }
    for (let lead = 1; lead <= o.leads; lead++) {
      truth[lead - 1]!.forEach((tr, b) => {
        if (!tr) return;
        const c = clim.at(tr.time);
        if (o.baselines.includes('persistence')) accumulateFrame(card.get('persistence', lead), { forecast: initials[b]!, truth: tr.raw, climatology: c, mask: tr.mask }, w);
        if (o.baselines.includes('climatology')) accumulateFrame(card.get('climatology', lead), { forecast: c, truth: tr.raw, climatology: c, mask: tr.mask }, w);
      });
    }
    o.onProgress?.(++done, total, 'baselines');
    for (const model of o.models) {
      for await (const f of rollout(model, d, initials, o.leads, batch)) {
        truth[f.lead - 1]!.forEach((tr, b) => {
          if (tr) accumulateFrame(card.get(model.name, f.lead), { forecast: f.frames[b]!, truth: tr.raw, climatology: clim.at(tr.time), mask: tr.mask }, w);
        });
      }
      o.onProgress?.(++done, total, model.name);
    }
  }
  if (o.collective) await allReduceScorecard(card, keys, o.collective);
  if (keys.every(([m, l]) => card.get(m, l)[0]!.cases === 0)) throw new Error(`--data ${d.dir}: no ${o.split} forecast has a target frame within ${o.leads} step(s); nothing to score`);
  return card.build({
    dataset: d.dir, split: o.split, initial_times: allInits, ranks: o.collective?.worldSize ?? 1, leads: o.leads, step_minutes: d.stepMs / 60_000,
    channels: d.channels, models: o.models.map((m) => m.name), baselines: o.baselines, grid: [C, H, W],
    mask_rule: rule.description, mask_fallback: rule.kind === 'any-nonzero',
    weighting: o.latitudeWeighting ? `cos(MLAT) per row over ${d.latRange[0]}..${d.latRange[1]}°, normalised to mean 1` : 'uniform',
    climatology: `training split, ${clim.frames} frames, mean over observed cells${o.hourOfDay ? ' per UTC hour of day' : ''}`,
    aggregation: 'pooled over every scored (initial time, lead) frame and observed cell; ACC uncentred against the climatology (0 when a forecast equals it)',
    units: 'physical (de-normalised with the dataset statistics)',
  }, d.stepMs / 60_000);
}
