import { join } from 'node:path';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import type { FrameMoments } from '../normalize.js';
import {
  attachScalars, completeIndex, DEFAULT_PRESAVE_OPTIONS, indexJson, planGridDataset, statsFromMoments, writePlannedShards,
  type PresavedIndex, type PresaveOptions, type PresavePlan,
} from './presave.js';
import type { SeriesDataset } from './series.js';

// `Shard` (one task of a job array) and its `i/n` parser are shared with every shardable command (one form for all job arrays).
import type { Shard } from '@weatherlearn/engine/shard';
import { SuperdarnDataError } from '../errors.js';
export { parseShard, type Shard } from '@weatherlearn/engine/shard';

/** Folder (inside the dataset folder) holding the done-markers of sharded runs. */
export const SHARD_MARKER_DIR = '.shards';
const MARKER_FORMAT = 'weatherlearn-superdarn-shard';

/** Marker a finished shard writes: `OUT/.shards/<i>-of-<n>.json`. */
export interface ShardMarker {
  format: typeof MARKER_FORMAT;
  version: 1;
  shard: Shard;
  /** Planned shard files this task wrote. */
  files: number[];
  /** The whole plan (identical in every task of one run). */
  plan: PresavePlan;
  /** Moments of the statistics frames among this task's frames: [saved frame id, moments]. */
  moments: [number, FrameMoments][];
}

/**
 * The planned shard files task `shard` writes: a contiguous block of the `files` files, the
 * blocks of all tasks differing in size by at most one (balanced, and each task reads a
 * contiguous time range, so few input files).
 */
export function shardFiles(files: number, shard: Shard): number[] {
  const lo = Math.floor((shard.index * files) / shard.count), hi = Math.floor(((shard.index + 1) * files) / shard.count);
  return Array.from({ length: hi - lo }, (_, k) => lo + k);
}

const markerName = (s: Shard) => `${s.index}-of-${s.count}.json`;

/** Result of {@link writeGridDatasetShard}. */
export interface ShardResult {
  /** Planned shard files written by this task (indices into the plan). */
  files: number[];
  /** Frames gridded by this task. */
  frames: number;
  /** The merged index when this task found every marker and merged (see `merge`). */
  merged?: PresavedIndex;
}

/**
 * One task of a sharded `writeGridDataset`: plans the whole dataset (same plan in every task),
 * grids and writes only this task's block of shard files, then writes the done-marker
 * `OUT/.shards/i-of-n.json` (atomically, with the moments of its statistics frames). With `merge`
 * (default true) the task that finds all n markers runs {@link mergeGridDatasetShards}. n tasks
 * followed by the merge give the same bytes as one `writeGridDataset`.
 */
export async function writeGridDatasetShard(ds: SeriesDataset, outDir: string, shard: Shard, options: Partial<PresaveOptions> & { merge?: boolean } = {}): Promise<ShardResult> {
  const o = { ...DEFAULT_PRESAVE_OPTIONS, merge: true, ...options };
  const plan = planGridDataset(ds, o.shardSize);
  await attachScalars(ds, plan);
  const files = shardFiles(plan.index.shards.length, shard);
  const total = files.reduce((a, j) => a + plan.index.shards[j].frames, 0);
  let done = 0;
  const moments = await writePlannedShards(ds, plan, outDir, files, () => o.onProgress?.(++done, total));
  const marker: ShardMarker = { format: MARKER_FORMAT, version: 1, shard, files, plan, moments: [...moments.entries()] };
  await mkdir(join(outDir, SHARD_MARKER_DIR), { recursive: true });
  await writeFileAtomic(join(outDir, SHARD_MARKER_DIR, markerName(shard)), JSON.stringify(marker));
  const result: ShardResult = { files, frames: total };
  if (!o.merge) return result;
  const present = new Set(await readdir(join(outDir, SHARD_MARKER_DIR)).catch(() => [] as string[]));
  for (let i = 0; i < shard.count; i++) if (!present.has(markerName({ index: i, count: shard.count }))) return result;
  try {
    result.merged = await mergeGridDatasetShards(outDir, { count: shard.count });
  } catch (e) {
    // Another task merged at the same moment and removed the markers: its index is ours too.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !/no shard markers/.test((e as Error).message)) throw e;
    result.merged = JSON.parse(await readFile(join(outDir, 'index.json'), 'utf8')) as PresavedIndex;
  }
  return result;
}

/**
 * Assembles a dataset folder from the markers of a sharded run: checks that every task 0…n-1
 * finished with the same plan and that every shard file exists, adds the statistics moments in
 * the unsharded order, writes `index.json` (atomically) and removes `OUT/.shards`. `count`
 * selects n when markers of several runs are present.
 * @throws Error naming each missing shard (and the command that makes it) or the mismatching marker
 */
export async function mergeGridDatasetShards(outDir: string, options: { count?: number } = {}): Promise<PresavedIndex> {
  const dir = join(outDir, SHARD_MARKER_DIR);
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new Error(`no shard markers in ${dir}: run \`weatherlearn superdarn grid … --out ${outDir} --shard i/n\` for every i first`);
    throw e;
  });
  const counts = new Set(names.map((n) => /^\d+-of-(\d+)\.json$/.exec(n)?.[1]).filter((c): c is string => c !== undefined).map(Number));
  if (options.count !== undefined) counts.forEach((c) => c !== options.count && counts.delete(c));
  if (counts.size === 0) throw new Error(`no shard markers in ${dir}${options.count ? ` for ${options.count} shards` : ''}`);
  if (counts.size > 1) throw new Error(`${dir} holds markers of runs with ${[...counts].sort((a, b) => a - b).join(' and ')} shards: remove the stale ones (or the folder) and rerun`);
  const n = [...counts][0];
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !names.includes(markerName({ index: i, count: n })));
  if (missing.length) {
    throw new Error(`cannot merge ${outDir}: missing shard(s) ${missing.map((i) => `${i}/${n}`).join(', ')} (no ${missing.map((i) => join(dir, markerName({ index: i, count: n }))).join(', ')}); run \`weatherlearn superdarn grid … --shard ${missing[0]}/${n}\` with the same options`);
  }
  let plan: PresavePlan | undefined, planText = '';
  const owner = new Map<number, number>();
  const moments = new Map<number, FrameMoments>();
  for (let i = 0; i < n; i++) {
    const path = join(dir, markerName({ index: i, count: n }));
    let m: ShardMarker;
    try { m = JSON.parse(await readFile(path, 'utf8')) as ShardMarker; } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
      throw new SuperdarnDataError(`${path}: not a readable shard marker (${(e as Error).message})`, { file: path }, { cause: e });
    }
    if (m.format !== MARKER_FORMAT || m.version !== 1 || !Array.isArray(m.files) || !Array.isArray(m.moments) || !m.plan?.index) throw new SuperdarnDataError(`${path}: field 'format' is not a ${MARKER_FORMAT} version 1 marker`, { file: path, field: 'format' });
    const text = JSON.stringify(m.plan);
    if (plan === undefined) { plan = m.plan; planText = text; } else if (text !== planText) {
      throw new Error(`${path}: shard ${i}/${n} was run with other inputs or options than shard 0/${n} (different frames, samples or config); rerun it with the same flags`);
    }
    for (const j of m.files) {
      if (owner.has(j)) throw new Error(`${path}: file ${j} also written by shard ${owner.get(j)}/${n}`);
      owner.set(j, i);
    }
    for (const [k, mo] of m.moments) moments.set(k, mo);
  }
  const p = plan!;
  for (let j = 0; j < p.index.shards.length; j++) {
    if (!owner.has(j)) throw new Error(`cannot merge ${outDir}: no shard wrote ${p.index.shards[j].file}`);
    const file = join(outDir, p.index.shards[j].file);
    await stat(file).catch(() => { throw new Error(`cannot merge ${outDir}: ${file} (from shard ${owner.get(j)}/${n}) is missing`); });
  }
  const index = completeIndex(p.index, statsFromMoments(p, p.index.config.channels, moments));
  await writeFileAtomic(join(outDir, 'index.json'), indexJson(index));
  await rm(dir, { recursive: true, force: true });
  return index;
}
