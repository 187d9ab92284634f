import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeJsonFile, readJsonLines, readJsonObject } from '../core/local.js';

/** Run identity kept in `RUN_DIR/wandb/meta.json` (never the API key). */
export interface WandbMeta {
  runId: string;
  project: string;
  entity: string | null;
  baseUrl: string;
  name: string | null;
  group: string | null;
  tags: string[] | null;
  notes: string | null;
}

/** Delivery progress in `RUN_DIR/wandb/state.json`. */
export interface WandbState {
  /** History lines (local index) the server acknowledged. */
  historyAcked: number;
  /** Remote offset of local line 0 (non-zero when a run resumed in a fresh folder). */
  offsetBase: number | null;
  /** Entity the server resolved (default entity when none was given). */
  entity: string | null;
  /** Exit code once the run finished locally; null while running. */
  exitcode: number | null;
  /** True once the server received `complete`. */
  completed: boolean;
  /** Run files (`artifacts/<name>`, copied into the store) not uploaded yet. */
  pendingFiles: string[];
}

const EMPTY_STATE: WandbState = { historyAcked: 0, offsetBase: null, entity: null, exitcode: null, completed: false, pendingFiles: [] };

/**
 * The local copy of a W&B run under `RUN_DIR/wandb`: the spool for online mode and the whole run in
 * offline mode. `meta.json`, `config.json` (raw values), `history.jsonl` (the exact lines streamed),
 * `summary.json`, `state.json`. Small files are written atomically; history is appended.
 */
export class WandbStore {
  readonly dir: string;
  /** `folder` is the store itself when it holds `meta.json` or `asIs`, else its `wandb/` sub-folder. */
  constructor(folder: string, asIs = false) {
    this.dir = asIs || existsSync(join(folder, 'meta.json')) ? folder : join(folder, 'wandb');
  }

  /** True when `RUN_DIR/wandb/meta.json` exists. */
  exists(): boolean { return existsSync(join(this.dir, 'meta.json')); }

  /** Writes the run identity. */
  writeMeta(meta: WandbMeta): void {
    mkdirSync(this.dir, { recursive: true });
    mergeJsonFile(join(this.dir, 'meta.json'), { ...meta });
  }

  /** Reads the run identity; throws naming the file when missing or incomplete. */
  readMeta(): WandbMeta {
    const path = join(this.dir, 'meta.json');
    if (!existsSync(path)) throw new Error(`${path}: missing (not a wandb run folder)`);
    const m = readJsonObject(path);
    for (const f of ['runId', 'project', 'baseUrl']) {
      if (typeof m[f] !== 'string') throw new Error(`${path}: field "${f}" missing or not a string`);
    }
    return m as unknown as WandbMeta;
  }

  /** Merges into `config.json`; returns the whole config. */
  mergeConfig(patch: Record<string, unknown>): Record<string, unknown> { return mergeJsonFile(join(this.dir, 'config.json'), patch); }
  /** The whole config. */
  readConfig(): Record<string, unknown> { return readJsonObject(join(this.dir, 'config.json')); }
  /** Merges into `summary.json`; returns the whole summary. */
  mergeSummary(patch: Record<string, unknown>): Record<string, unknown> { return mergeJsonFile(join(this.dir, 'summary.json'), patch); }
  /** The whole summary. */
  readSummary(): Record<string, unknown> { return readJsonObject(join(this.dir, 'summary.json')); }

  /** Appends one history line (already JSON). */
  appendHistory(line: string): void { appendFileSync(join(this.dir, 'history.jsonl'), `${line}\n`); }

  /** Every history line, as the JSON strings that are streamed. */
  readHistory(): string[] { return readJsonLines(join(this.dir, 'history.jsonl')).map((v) => JSON.stringify(v)); }

  /** Delivery progress (defaults when absent). */
  readState(): WandbState { return { ...EMPTY_STATE, ...readJsonObject(join(this.dir, 'state.json')) } as WandbState; }
  /** Records a run file (relative to the store) to upload. */
  addPendingFile(name: string): void {
    const p = this.readState().pendingFiles;
    if (!p.includes(name)) this.writeState({ pendingFiles: [...p, name] });
  }
  /** Marks a run file delivered. */
  markFileUploaded(name: string): void { this.writeState({ pendingFiles: this.readState().pendingFiles.filter((n) => n !== name) }); }

  /** Merges delivery progress. */
  writeState(patch: Partial<WandbState>): void { mergeJsonFile(join(this.dir, 'state.json'), patch); }
}
