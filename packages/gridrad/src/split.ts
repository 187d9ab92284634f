// Port of dariodematties/gridrad/dataset/utils.py:process_chunk_file, process_chunk_files_parallel, process_all_chunks_to_individual_files
/**
 * Step 3 (`weatherlearn gridrad split`): chunk tensors → one `.pt` per accepted 2-D slice (the
 * original's `process_all_chunks_to_individual_files`), in two passes so the result does not depend
 * on chunk order: pass 1 computes every slice's statistics (cached in `<kind>.stats.json`), pass 2
 * writes the kept slices chunk by chunk (checkpointed). A manifest lists every slice, kept or rejected.
 */
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isTensor, NoUsableInputError, readPt, toFloat32, writePt, type SkippedInput } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { CheckpointWriter, readCheckpoint } from './checkpoint.js';
import { readSliceOrigins, sliceFileName, type SliceOrigin } from './provenance.js';
import { removeStaleTempFiles } from './temp-files.js';
import { ProgressTracker, type ProgressCallback } from './progress.js';
import { filterSlices, sliceStats, DEFAULT_SLICE_FILTER_OPTIONS, type SliceFilterOptions, type SliceStats, type GlobalStats } from './slice-filter.js';
import { GridradDataError } from './errors.js';

/** Which chunks to split. */
export type ChunkKind = 'crops' | 'patches';

/** Options of {@link processAllChunksToIndividualFiles}. */
export interface SplitOptions extends SliceFilterOptions {
  /** Folder holding `Crops/crops_<k>.pt` and `Patches/patches_<k>.pt`. */
  input: string;
  kind: ChunkKind;
  /** Output root (default `<input>/split`): slices go to `<output>/<kind>/`, manifest beside. */
  output?: string;
  /** Delete each chunk once its slices are written (the original does; statistics stay cached). */
  removeChunks: boolean;
  onProgress?: ProgressCallback;
  progressIntervalMs: number;
}

/** Defaults: factors 10 and 10, chunks kept. */
export const DEFAULT_SPLIT_OPTIONS: Omit<SplitOptions, 'input' | 'kind'> = { ...DEFAULT_SLICE_FILTER_OPTIONS, removeChunks: false, progressIntervalMs: 1000 };

/** One slice in the manifest. */
export interface ManifestEntry { chunk: string; index: number; kept: boolean; file?: string; source?: string; channel?: string; reason?: string; mean: number | null; std: number | null }

/** The manifest written at the end (`<output>/<kind>.manifest.json`). */
export interface SplitManifest {
  kind: ChunkKind;
  maxDeviationFactor: number;
  globalMeanDeviationFactor: number;
  global: GlobalStats;
  kept: number;
  rejected: number;
  slices: ManifestEntry[];
}

/** What a run did. */
export interface SplitSummary {
  chunks: number; resumedChunks: number; kept: number; rejected: number; written: number; manifest: string; seconds: number;
  /** Chunks that could not be read (truncated, not an (M,H,W) tensor), with reasons; left out of the filter. */
  skipped: SkippedInput[];
}

interface StatsFile { chunks: { name: string; size: number; shape: number[]; slices: SliceStats[]; origins?: SliceOrigin[] }[]; skipped?: { name: string; size: number; reason: string }[] }

const FOLDER: Record<ChunkKind, string> = { crops: 'Crops', patches: 'Patches' };
const ITEM: Record<ChunkKind, string> = { crops: 'crop', patches: 'patch' };

async function loadChunk(path: string): Promise<{ data: Float32Array; shape: number[] }> {
  const v = readPt(await readFile(path), path);
  if (!isTensor(v) || v.shape.length !== 3) throw new GridradDataError(`${path}: expected one (M, H, W) tensor`, { file: path });
  return { data: toFloat32(v), shape: v.shape };
}

async function listChunks(dir: string, kind: ChunkKind): Promise<{ name: string; k: number }[]> {
  const names = await readdir(dir).catch((e: Error) => { throw new Error(`cannot list ${dir}: ${e.message}`); });
  const re = new RegExp(`^${kind}_(\\d+)\\.pt$`);
  return names.flatMap((name) => { const m = re.exec(name); return m ? [{ name, k: Number(m[1]) }] : []; }).sort((a, b) => a.k - b.k);
}

const jsonNum = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Splits the chunks of one kind into per-slice files `<item>_<k>_<i>.pt` (`crop_3_0.pt`; `i` is the
 * slice index in its chunk), each holding only its own (H, W) float32 tensor.
 * @throws Error when the chunk folder cannot be read, a chunk is not an (M,H,W) tensor, or the cached
 * statistics name a chunk that has been removed while others changed
 */
export async function processAllChunksToIndividualFiles(options: Partial<SplitOptions> & Pick<SplitOptions, 'input' | 'kind'>): Promise<SplitSummary> {
  const o = { ...DEFAULT_SPLIT_OPTIONS, ...options };
  if (o.kind !== 'crops' && o.kind !== 'patches') throw new Error(`kind must be crops or patches, got '${o.kind}'`);
  const t0 = Date.now();
  const chunkDir = join(resolve(o.input), FOLDER[o.kind]);
  const outRoot = resolve(o.output ?? join(o.input, 'split'));
  const outDir = join(outRoot, o.kind);
  const statsPath = join(outRoot, `${o.kind}.stats.json`), ckptPath = join(outRoot, `${o.kind}.checkpoint`), manifestPath = join(outRoot, `${o.kind}.manifest.json`);
  const onDisk = await listChunks(chunkDir, o.kind);
  const sizes = new Map<string, number>();
  for (const c of onDisk) sizes.set(c.name, (await stat(join(chunkDir, c.name))).size);

  // Pass 1: statistics of every slice (cached; valid while the chunks on disk are unchanged).
  let stats: StatsFile | undefined;
  try { stats = JSON.parse(await readFile(statsPath, 'utf8')) as StatsFile; } catch { stats = undefined; }
  const known = (c: { name: string }) => [...stats!.chunks, ...(stats!.skipped ?? [])].some((s) => s.name === c.name && s.size === sizes.get(c.name));
  if (stats && !onDisk.every(known)) {
    const gone = stats.chunks.filter((s) => !sizes.has(s.name));
    if (gone.length) throw new Error(`${statsPath}: chunks changed on disk while ${gone.map((g) => g.name).join(', ')} were already removed; delete ${outRoot} and split again from complete chunks`);
    stats = undefined;
  }
  if (!stats) {
    const p1 = new ProgressTracker(`split:stats`, onDisk.length, o.onProgress, o.progressIntervalMs);
    stats = { chunks: [], skipped: [] };
    for (const c of onDisk) {
      let chunk: { data: Float32Array; shape: number[] };
      try { chunk = await loadChunk(join(chunkDir, c.name)); } catch (e) {
        stats.skipped!.push({ name: c.name, size: sizes.get(c.name)!, reason: `unreadable: ${(e as Error).message}` });
        p1.add('failed');
        continue;
      }
      const { data, shape } = chunk;
      const n = shape[1]! * shape[2]!;
      const origins = await readSliceOrigins(join(chunkDir, c.name));
      stats.chunks.push({
        name: c.name, size: sizes.get(c.name)!, shape, slices: Array.from({ length: shape[0]! }, (_, i) => sliceStats(data, i * n, n)),
        ...(origins && origins.length === shape[0] ? { origins } : {}),
      });
      p1.add('done', sizes.get(c.name));
    }
    p1.finish();
    await writeFileAtomic(statsPath, JSON.stringify(stats));
  }
  const skipped: SkippedInput[] = (stats.skipped ?? []).map((x) => ({ file: join(chunkDir, x.name), reason: x.reason }));
  if (stats.chunks.length === 0 && onDisk.length) throw new NoUsableInputError(`no readable ${o.kind} chunks in ${chunkDir}`, skipped, onDisk.length);
  const flat = stats.chunks.flatMap((c) => c.slices);
  const verdict = filterSlices(flat, o);

  // Pass 2: write the kept slices of every chunk not yet in the checkpoint.
  const params = `params maxDeviationFactor=${o.maxDeviationFactor} globalMeanDeviationFactor=${o.globalMeanDeviationFactor}`;
  const lines = readCheckpoint(ckptPath);
  if (lines.length && lines[0] !== params) throw new Error(`${ckptPath} was started with '${lines[0]}', not '${params}'; use another --output (or delete it) to split with new factors`);
  const finished = new Set(lines.slice(1));
  // Slices say where they came from (<source>.<channel>.crop.pt) when to-pt left origins; else <item>_<k>_<i>.pt.
  const itemName = (c: StatsFile['chunks'][number], i: number): string =>
    c.origins ? sliceFileName(c.origins[i]!, o.kind) : `${ITEM[o.kind]}_${/_(\d+)\.pt$/.exec(c.name)![1]}_${i}.pt`;
  const todo = stats.chunks.filter((c) => !finished.has(c.name));
  await removeStaleTempFiles(todo.flatMap((c) => c.slices.map((_, i) => join(outDir, itemName(c, i)))));
  const p2 = new ProgressTracker(`split:write`, todo.length, o.onProgress, o.progressIntervalMs);
  const ckpt = new CheckpointWriter(ckptPath);
  if (lines.length === 0) ckpt.append([params]);
  let written = 0, base = 0;
  const firstIndex = new Map<string, number>();
  for (const c of stats.chunks) { firstIndex.set(c.name, base); base += c.slices.length; }
  try {
    for (const c of todo) {
      const { data, shape } = await loadChunk(join(chunkDir, c.name));
      const n = shape[1]! * shape[2]!, b = firstIndex.get(c.name)!;
      for (let i = 0; i < shape[0]!; i++) {
        if (verdict.reasons[b + i] !== undefined) continue;
        await writeFileAtomic(join(outDir, itemName(c, i)), writePt({ dtype: 'float32', shape: [shape[1]!, shape[2]!], data: data.slice(i * n, (i + 1) * n) }));
        written++;
      }
      ckpt.append([c.name]);
      if (o.removeChunks) await rm(join(chunkDir, c.name), { force: true });
      p2.add('done', c.size);
    }
  } finally { ckpt.close(); }
  p2.finish();

  const slices: ManifestEntry[] = stats.chunks.flatMap((c) => c.slices.map((s, i) => {
    const reason = verdict.reasons[firstIndex.get(c.name)! + i];
    return reason === undefined
      ? { chunk: c.name, index: i, kept: true, file: `${o.kind}/${itemName(c, i)}`, ...(c.origins ? { source: c.origins[i]!.source, channel: c.origins[i]!.channel } : {}), mean: jsonNum(s.mean), std: jsonNum(s.std) }
      : { chunk: c.name, index: i, kept: false, reason, mean: jsonNum(s.mean), std: jsonNum(s.std) };
  }));
  const kept = slices.filter((s) => s.kept).length;
  const manifest: SplitManifest = {
    kind: o.kind, maxDeviationFactor: o.maxDeviationFactor, globalMeanDeviationFactor: o.globalMeanDeviationFactor,
    global: verdict.global, kept, rejected: slices.length - kept, slices,
  };
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  return { chunks: stats.chunks.length, resumedChunks: stats.chunks.length - todo.length, kept, rejected: slices.length - kept, written, manifest: manifestPath, seconds: (Date.now() - t0) / 1000, skipped };
}
