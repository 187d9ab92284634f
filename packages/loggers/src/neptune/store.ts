import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeJsonFile, readJsonLines, readJsonObject } from '../core/local.js';
import type { NeptuneOperation } from './api.js';

/** Delivery progress in `RUN_DIR/neptune/state.json`. */
export interface NeptuneState { acked: number; runUuid: string | null; finished: boolean }

/**
 * The local copy of a Neptune run under `RUN_DIR/neptune`: `meta.json` (run id, project — never the
 * token), `operations.jsonl` (every operation, in order) and `state.json` (how many were delivered).
 */
export class NeptuneStore {
  readonly dir: string;
  constructor(runDir: string) { this.dir = join(runDir, 'neptune'); }

  /** Writes the run identity. */
  writeMeta(meta: { runId: string; project: string | null }): void {
    mkdirSync(this.dir, { recursive: true });
    mergeJsonFile(join(this.dir, 'meta.json'), meta);
  }

  /** True when the folder holds a Neptune run. */
  exists(): boolean { return existsSync(join(this.dir, 'meta.json')); }

  /** Reads the run identity; throws naming the file. */
  readMeta(): { runId: string; project: string | null } {
    const path = join(this.dir, 'meta.json');
    if (!existsSync(path)) throw new Error(`${path}: missing (not a neptune run folder)`);
    const m = readJsonObject(path);
    if (typeof m.runId !== 'string') throw new Error(`${path}: field "runId" missing`);
    return { runId: m.runId, project: typeof m.project === 'string' ? m.project : null };
  }

  /** Appends operations. */
  append(ops: NeptuneOperation[]): void {
    if (ops.length) appendFileSync(join(this.dir, 'operations.jsonl'), ops.map((o) => `${JSON.stringify(o)}\n`).join(''));
  }

  /** Every operation, in order. */
  readOps(): NeptuneOperation[] { return readJsonLines(join(this.dir, 'operations.jsonl')) as NeptuneOperation[]; }

  /** Delivery progress. */
  readState(): NeptuneState { return { acked: 0, runUuid: null, finished: false, ...readJsonObject(join(this.dir, 'state.json')) } as NeptuneState; }
  /** Merges delivery progress. */
  writeState(patch: Partial<NeptuneState>): void { mergeJsonFile(join(this.dir, 'state.json'), patch); }
}
