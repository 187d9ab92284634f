// Port of dariodematties/gridrad/dataset/utils.py:get_next_chunk_index, flush_chunk, process_npz_files_progressive
/**
 * Step 2 (`weatherlearn gridrad to-pt`): the per-file npz → `.pt` chunk tensors
 * `Crops/crops_<k>.pt (M,S,S)` and `Patches/patches_<k>.pt (N,P,P)` (the original's
 * `process_npz_files_progressive`), in sorted order, each chunk written once and checkpointed.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readNpz, toFloat32, writePt, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { discoverInputs } from './discover.js';
import { CheckpointWriter, readCheckpoint } from './checkpoint.js';
import { channelNamesOf, type SliceOrigin } from './provenance.js';
import { removeStaleTempFiles } from './temp-files.js';
import { ProgressTracker, type ProgressCallback } from './progress.js';
import { GridradDataError } from './errors.js';

/** Options of {@link processNpzFilesProgressive}. */
export interface ToPtOptions {
  /** Folder of npz files (searched recursively). */
  input: string;
  /** Folder receiving `Crops/` and `Patches/` (default: `input`). */
  output?: string;
  /** npz files per chunk (default 5, as the original). */
  filesPerChunk: number;
  /** Checkpoint (default `<output>/to-pt.checkpoint`): one line per chunk, `k<TAB>file…`. */
  checkpoint?: string;
  errorLog?: string;
  onProgress?: ProgressCallback;
  progressIntervalMs: number;
}

/** Defaults: 5 files per chunk. */
export const DEFAULT_TO_PT_OPTIONS: Omit<ToPtOptions, 'input'> = { filesPerChunk: 5, progressIntervalMs: 1000 };

/** What a run did. */
export interface ToPtSummary {
  /** npz files found / already in a chunk before this run. */
  found: number;
  resumed: number;
  /** Chunks written in this run (their numbers). */
  chunks: number[];
  /** npz files put into chunks in this run. */
  done: number;
  failed: number;
  errors: { path: string; reason: string }[];
  seconds: number;
}

/** Crop and patch slices of one npz: `crop (C,S,S)` → C slices, `patches (n,n,C,P,P)` → n·n·C slices. */
export function npzSlices(npz: Record<string, Tensor>, name: string): {
  crops: Float32Array; cropShape: [number, number, number]; patches: Float32Array; patchShape: [number, number, number]; channels: string[]; grid: [number, number];
} {
  const crop = npz.crop, patches = npz.patches;
  if (!crop || !patches) throw new GridradDataError(`${name}: needs arrays 'crop' and 'patches' (found ${Object.keys(npz).join(', ') || 'none'})`, { file: name, field: crop ? 'patches' : 'crop' });
  if (crop.shape.length !== 3) throw new GridradDataError(`${name}: crop has shape [${crop.shape.join(', ')}], expected (C, S, S)`, { file: name, field: 'crop' });
  if (patches.shape.length !== 5) throw new GridradDataError(`${name}: patches has shape [${patches.shape.join(', ')}], expected (n, n, C, P, P)`, { file: name, field: 'patches' });
  const [n1, n2, c, p1, p2] = patches.shape as [number, number, number, number, number];
  return {
    crops: toFloat32(crop), cropShape: crop.shape as [number, number, number],
    patches: toFloat32(patches), patchShape: [n1 * n2 * c, p1, p2], channels: channelNamesOf(npz, c), grid: [n1, n2],
  };
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/**
 * Gathers npz files into chunk tensors. Files are taken in sorted order, `filesPerChunk` at a time;
 * chunks are numbered from 1 (after the highest number in the checkpoint). A chunk's two files are
 * written atomically before its checkpoint line, so a killed run redoes at most the chunk in
 * progress, with identical content. Unreadable npz files are logged and left out (retried next run).
 */
export async function processNpzFilesProgressive(options: Partial<ToPtOptions> & Pick<ToPtOptions, 'input'>): Promise<ToPtSummary> {
  const o = { ...DEFAULT_TO_PT_OPTIONS, ...options };
  if (!Number.isInteger(o.filesPerChunk) || o.filesPerChunk < 1) throw new Error(`files per chunk must be a positive integer, got ${o.filesPerChunk}`);
  const t0 = Date.now();
  const output = resolve(o.output ?? o.input);
  const ckptPath = o.checkpoint ?? join(output, 'to-pt.checkpoint');
  const files = await discoverInputs(o.input, ['.npz']);
  const lines = readCheckpoint(ckptPath).map((l) => l.split('\t'));
  const doneKeys = new Set(lines.flatMap((l) => l.slice(1)));
  let k = lines.reduce((m, l) => Math.max(m, Number(l[0]) || 0), 0);
  const todo = files.filter((f) => !doneKeys.has(f.key));
  const groups: (typeof todo)[] = [];
  for (let i = 0; i < todo.length; i += o.filesPerChunk) groups.push(todo.slice(i, i + o.filesPerChunk));
  const cropPath = (n: number): string => join(output, 'Crops', `crops_${n}.pt`);
  const patchPath = (n: number): string => join(output, 'Patches', `patches_${n}.pt`);
  await removeStaleTempFiles(groups.flatMap((_, i) => [cropPath(k + 1 + i), patchPath(k + 1 + i)]));
  const progress = new ProgressTracker('to-pt', todo.length, o.onProgress, o.progressIntervalMs);
  const errors: ToPtSummary['errors'] = [];
  const chunks: number[] = [];
  const ckpt = new CheckpointWriter(ckptPath);
  try {
    for (const group of groups) {
      const crops: Float32Array[] = [], patches: Float32Array[] = [], used: string[] = [];
      const cropOrigins: SliceOrigin[] = [], patchOrigins: SliceOrigin[] = [];
      let cropShape: number[] | undefined, patchShape: number[] | undefined;
      for (const f of group) {
        try {
          const bytes = await readFile(f.path);
          const s = npzSlices(readNpz(bytes, f.path), f.path);
          if (cropShape && (s.cropShape[1] !== cropShape[1] || s.cropShape[2] !== cropShape[2] || s.patchShape[1] !== patchShape![1] || s.patchShape[2] !== patchShape![2])) {
            throw new GridradDataError(`${f.path}: crop ${s.cropShape[1]}×${s.cropShape[2]} / patch ${s.patchShape[1]}×${s.patchShape[2]} differ from the chunk's ${cropShape[1]}×${cropShape[2]} / ${patchShape![1]}×${patchShape![2]}`, { file: f.path, field: 'crop' });
          }
          cropShape = [(cropShape?.[0] ?? 0) + s.cropShape[0], s.cropShape[1], s.cropShape[2]];
          patchShape = [(patchShape?.[0] ?? 0) + s.patchShape[0], s.patchShape[1], s.patchShape[2]];
          crops.push(s.crops); patches.push(s.patches); used.push(f.key);
          const source = f.key.replace(/\.npz$/i, '');
          for (const channel of s.channels) cropOrigins.push({ source, channel });
          for (let row = 0; row < s.grid[0]; row++) for (let col = 0; col < s.grid[1]; col++) for (const channel of s.channels) patchOrigins.push({ source, channel, row, col });
          progress.add('done', bytes.byteLength);
        } catch (e) {
          const reason = (e as Error).message.includes(f.path) ? (e as Error).message : `${f.path}: ${(e as Error).message}`;
          errors.push({ path: f.path, reason });
          if (o.errorLog) await appendFile(o.errorLog, `${f.path}\t${reason.replace(/\s+/g, ' ')}\n`);
          progress.add('failed');
        }
      }
      if (used.length === 0) continue;
      k++;
      await writeFileAtomic(cropPath(k).replace(/\.pt$/, '.json'), JSON.stringify({ slices: cropOrigins }));
      await writeFileAtomic(patchPath(k).replace(/\.pt$/, '.json'), JSON.stringify({ slices: patchOrigins }));
      await writeFileAtomic(cropPath(k), writePt({ dtype: 'float32', shape: cropShape!, data: concat(crops) }));
      crops.length = 0;
      await writeFileAtomic(patchPath(k), writePt({ dtype: 'float32', shape: patchShape!, data: concat(patches) }));
      ckpt.append([[String(k), ...used].join('\t')]);
      chunks.push(k);
    }
  } finally { ckpt.close(); }
  const p = progress.finish();
  return { found: files.length, resumed: files.length - todo.length, chunks, done: p.done, failed: p.failed, errors, seconds: (Date.now() - t0) / 1000 };
}
