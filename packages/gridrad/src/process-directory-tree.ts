// Port of dariodematties/gridrad/dataset/utils.py:process_directory_tree
/**
 * Step 1 (`weatherlearn gridrad preprocess`): every input netCDF file → one `.npz` with a seeded
 * crop and its patches (the original's `process_directory_tree`), parallel, sharded and resumable.
 */
import { appendFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SkippedInput } from '@weatherlearn/tensor-io';
import { discoverInputs, type InputFile } from './discover.js';
import { selectShard, type Shard } from './shard.js';
import { CheckpointWriter, readCheckpoint } from './checkpoint.js';
import { removeStaleTempFiles } from './temp-files.js';
import { WorkerPool, mapLimit, type PoolMemory } from './pool.js';
import { ProgressTracker, type ProgressCallback } from './progress.js';
import { DEFAULT_PREPROCESS_FILE_OPTIONS, npzPathFor, type FileResult, type PreprocessFileOptions } from './process-file.js';

/** Options of {@link processDirectoryTree}. */
export interface PreprocessOptions extends PreprocessFileOptions {
  /** Input folder (searched recursively) or glob (`data/**\/*.nc`). */
  input: string;
  /** Checkpoint file: one finished input path per line (append-only, fsynced). */
  checkpoint: string;
  /** Worker threads (0: in the calling thread). */
  workers: number;
  /** Only this shard of the sorted input list (job arrays). */
  shard?: Shard;
  /** File name endings accepted when `input` is a folder. */
  extensions: string[];
  /** Append failed inputs here (`path<TAB>reason` per line). */
  errorLog?: string;
  onProgress?: ProgressCallback;
  /** Minimum time between two progress reports (ms). */
  progressIntervalMs: number;
  /** Called for every finished file, in completion order. */
  onFileResult?: (r: FileResult) => void;
}

/** Defaults of {@link processDirectoryTree} (besides the required input, output and checkpoint). */
export const DEFAULT_PREPROCESS_OPTIONS: Omit<PreprocessOptions, 'input' | 'output' | 'checkpoint'> = {
  ...DEFAULT_PREPROCESS_FILE_OPTIONS, workers: 1, extensions: ['.nc'], progressIntervalMs: 1000,
};

/** What a run did. */
export interface PreprocessSummary {
  /** Inputs found (in this shard). */
  found: number;
  /** Inputs already in the checkpoint (not redone). */
  resumed: number;
  done: number;
  /** Skipped for their content (no channels, invalid values with `drop`); checkpointed. */
  skipped: number;
  /** Failed (logged, not checkpointed: a rerun retries them). */
  failed: number;
  errors: { path: string; reason: string }[];
  /** Every input not turned into an npz in this run, with its reason: skipped for content and failed. */
  skippedFiles: SkippedInput[];
  bytes: number;
  seconds: number;
  memory: PoolMemory;
}

/**
 * Preprocesses a directory tree or glob of netCDF files. Inputs listed in the checkpoint are not
 * redone; each finished input (done or skipped for its content) is appended to the checkpoint only
 * after its npz was renamed into place, so a killed run resumes without duplicates or partial files.
 * Per-file errors are counted and logged, never fatal.
 * @throws Error for setup problems (unreadable input folder, bad options)
 */
export async function processDirectoryTree(options: Partial<PreprocessOptions> & Pick<PreprocessOptions, 'input' | 'output' | 'checkpoint'>): Promise<PreprocessSummary> {
  const o: PreprocessOptions = { ...DEFAULT_PREPROCESS_OPTIONS, ...options };
  if (o.cropSize % o.patchSize !== 0 || o.patchSize < 1) throw new Error(`--crop-size ${o.cropSize} must be a positive multiple of --patch-size ${o.patchSize}`);
  if (!Number.isInteger(o.compressionLevel) || o.compressionLevel < 0 || o.compressionLevel > 9) throw new Error(`compression level must be an integer 0-9, got ${o.compressionLevel}`);
  if (!Number.isInteger(o.workers) || o.workers < 0) throw new Error(`workers must be an integer ≥ 0, got ${o.workers}`);
  const t0 = Date.now();
  const output = resolve(o.output);
  const all = selectShard(await discoverInputs(o.input, o.extensions), o.shard);
  const finished = new Set(readCheckpoint(o.checkpoint));
  const todo: InputFile[] = all.filter((f) => !finished.has(f.path));
  await removeStaleTempFiles(todo.map((f) => npzPathFor(output, f.key)));
  const fileOptions: PreprocessFileOptions = {
    output, cropSize: o.cropSize, patchSize: o.patchSize, seed: o.seed, fillPolicy: o.fillPolicy, fillValue: o.fillValue,
    compressionLevel: o.compressionLevel, variables: o.variables, gridradField: o.gridradField, gridradReduce: o.gridradReduce,
  };
  const progress = new ProgressTracker('preprocess', todo.length, o.onProgress, o.progressIntervalMs);
  const errors: PreprocessSummary['errors'] = [];
  const skippedFiles: SkippedInput[] = [];
  const pool = new WorkerPool(Math.min(o.workers, todo.length));
  const ckpt = new CheckpointWriter(o.checkpoint);
  try {
    await mapLimit(todo, Math.max(1, o.workers), async (input) => {
      try { return await pool.run({ type: 'preprocess', input, options: fileOptions }); } catch (e) {
        return { key: input.key, path: input.path, status: 'failed', reason: `${input.path}: ${(e as Error).message}`, bytes: 0, ms: 0 } satisfies FileResult;
      }
    }, async (r) => {
      if (r.status !== 'done') {
        const why = (r.reason ?? 'unknown reason').replace(`${r.path}: `, '');
        skippedFiles.push({ file: r.path, reason: `${r.status === 'failed' ? 'failed' : 'skipped'}: ${why}` });
      }
      if (r.status === 'failed') {
        errors.push({ path: r.path, reason: r.reason ?? 'unknown error' });
        if (o.errorLog) await appendFile(o.errorLog, `${r.path}\t${(r.reason ?? '').replace(/\s+/g, ' ')}\n`);
      } else ckpt.append([r.path]);
      progress.add(r.status, r.bytes);
      o.onFileResult?.(r);
    });
  } finally {
    ckpt.close();
    await pool.close();
  }
  const p = progress.finish();
  return {
    found: all.length, resumed: all.length - todo.length, done: p.done, skipped: p.skipped, failed: p.failed,
    errors, skippedFiles: skippedFiles.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)), bytes: p.bytes, seconds: (Date.now() - t0) / 1000, memory: pool.memory(),
  };
}
