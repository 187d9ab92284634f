import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readSafetensors, writeSafetensors, type Tensor } from '@weatherlearn/tensor-io';
import { writeFileAtomicSync } from '@weatherlearn/fs-atomic';
import type { CheckpointMeta } from './checkpoint-meta.js';

export type { CheckpointMeta } from './checkpoint-meta.js';

/** Everything one checkpoint holds. */
export interface CheckpointData {
  meta: CheckpointMeta;
  /** Trainable parameters by name (`model.safetensors`). */
  model: Record<string, Tensor>;
  /** Optimizer moments (`optimizer.safetensors`: `state.<param>.exp_avg`, `….exp_avg_sq`). */
  optimizer: Record<string, Tensor>;
  /** The module's extra tensors (`module.safetensors`): EMA teacher, DINO centre… */
  module: Record<string, Tensor>;
  /** The trainer's weight EMA (`ema.safetensors`, with `trainer.ema` only). */
  ema?: Record<string, Tensor>;
}

/** Options of {@link saveCheckpoint}. */
export interface SaveCheckpointOptions {
  /** Keep the newest K `step-N` folders (plus the best); 0 keeps all. */
  keepLastK: number;
  /** Also point `best` at this checkpoint. */
  isBest: boolean;
}

const FILES = ['model', 'optimizer', 'module'] as const;
const STEP_DIR = /^step-(\d+)$/;

function writeSynced(path: string, data: Uint8Array | string): void {
  writeFileSync(path, data);
  const fd = openSync(path, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
}

/**
 * Writes `dir/step-<N>/` atomically: every file goes into a temp folder that is fsynced and renamed
 * into place, then the `last` pointer file is replaced atomically. A kill at any moment leaves the
 * previous checkpoint intact and `last` pointing at a complete one. Returns the folder.
 */
export function saveCheckpoint(dir: string, data: CheckpointData, options: Partial<SaveCheckpointOptions> = {}): string {
  const { keepLastK = 0, isBest = false } = options;
  mkdirSync(dir, { recursive: true });
  const name = `step-${data.meta.step}`;
  const tmp = join(dir, `.tmp-${name}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp);
  try {
    for (const f of FILES) writeSynced(join(tmp, `${f}.safetensors`), writeSafetensors(data[f], { format: 'pt', content: f }));
    if (data.ema) writeSynced(join(tmp, 'ema.safetensors'), writeSafetensors(data.ema, { format: 'pt', content: 'ema' }));
    writeSynced(join(tmp, 'trainer.json'), JSON.stringify(data.meta, null, 1) + '\n');
    const final = join(dir, name);
    if (existsSync(final)) {
      const old = join(dir, `.old-${name}-${randomBytes(4).toString('hex')}`);
      renameSync(final, old);
      renameSync(tmp, final);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmp, final);
    }
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`cannot write checkpoint ${join(dir, name)}: ${(e as Error).message}`);
  }
  writeFileAtomicSync(join(dir, 'last'), name + '\n');
  if (isBest) writeFileAtomicSync(join(dir, 'best'), name + '\n');
  pruneCheckpoints(dir, keepLastK);
  return join(dir, name);
}

/** Step folders under `dir`, oldest first, as `{ name, step }`. */
export function listCheckpoints(dir: string): { name: string; step: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, m: STEP_DIR.exec(name) }))
    .filter((e) => e.m && existsSync(join(dir, e.name, 'trainer.json')))
    .map((e) => ({ name: e.name, step: Number(e.m![1]) }))
    .sort((a, b) => a.step - b.step);
}

function readPointer(dir: string, file: 'last' | 'best'): string | null {
  const p = join(dir, file);
  if (!existsSync(p)) return null;
  const name = readFileSync(p, 'utf8').trim();
  if (!STEP_DIR.test(name)) throw new Error(`${p}: expected a checkpoint folder name like "step-120", got ${JSON.stringify(name.slice(0, 40))}`);
  return name;
}

/** Removes step folders beyond the newest `keepLastK` (never `last` or `best`) and stale temp folders. */
export function pruneCheckpoints(dir: string, keepLastK: number): void {
  for (const n of readdirSync(dir)) if (n.startsWith('.tmp-') || n.startsWith('.old-')) rmSync(join(dir, n), { recursive: true, force: true });
  if (keepLastK <= 0) return;
  const keep = new Set([readPointer(dir, 'last'), readPointer(dir, 'best')]);
  const all = listCheckpoints(dir);
  for (const c of all.slice(0, Math.max(0, all.length - keepLastK))) if (!keep.has(c.name)) rmSync(join(dir, c.name), { recursive: true, force: true });
}

/** The folder `last` points at (or the newest complete `step-N`), or null when `dir` has no checkpoint. */
export function findLastCheckpoint(dir: string): string | null {
  const name = readPointer(dir, 'last');
  if (name && existsSync(join(dir, name, 'trainer.json'))) return join(dir, name);
  const all = listCheckpoints(dir);
  return all.length ? join(dir, all[all.length - 1]!.name) : null;
}

/** The folder `best` points at, or null. */
export function findBestCheckpoint(dir: string): string | null {
  const name = readPointer(dir, 'best');
  return name && existsSync(join(dir, name)) ? join(dir, name) : null;
}

/** Reads only `trainer.json` of a checkpoint folder (cheap: step, logger run id…). */
export function readCheckpointMeta(path: string): CheckpointMeta {
  const file = join(path, 'trainer.json');
  let meta: CheckpointMeta;
  try { meta = JSON.parse(readFileSync(file, 'utf8')) as CheckpointMeta; } catch (e) {
    throw new Error(`cannot read checkpoint ${file}: ${(e as Error).message}`);
  }
  if (meta?.format !== 'weatherlearn-checkpoint') throw new Error(`${file}: not a weatherlearn checkpoint (field "format" is ${JSON.stringify(meta?.format)})`);
  if ((meta.version as number) === 1) throw new Error(`${file}: checkpoint version 1 holds tfjs optimizer state, which this trainer (engine Adam/AdamW, version 2) cannot resume; start a new run (its weights can still be exported)`);
  if (meta.version !== 2) throw new Error(`${file}: unsupported checkpoint version ${JSON.stringify(meta.version)} (this trainer reads 2)`);
  return meta;
}

/** Reads a whole checkpoint folder. */
export function loadCheckpoint(path: string): CheckpointData {
  const meta = readCheckpointMeta(path);
  const read = (f: (typeof FILES)[number] | 'ema') => {
    const file = join(path, `${f}.safetensors`);
    let bytes: Uint8Array;
    try { bytes = readFileSync(file); } catch (e) { throw new Error(`cannot read checkpoint ${file}: ${(e as Error).message}`); }
    return readSafetensors(bytes, file);
  };
  const ema = existsSync(join(path, 'ema.safetensors')) ? { ema: read('ema') } : {};
  return { meta, model: read('model'), optimizer: read('optimizer'), module: read('module'), ...ema };
}
