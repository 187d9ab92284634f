import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { listSuperdarnFiles } from '../files.js';

/** Where a dataset's raw files come from (a folder, a file list, a bucket). */
export interface FileStore {
  /** For messages: the folder or s3:// URL. */
  readonly label: string;
  /** Every SuperDARN file (by name) with its size, sorted by key. */
  list(): Promise<{ key: string; size: number }[]>;
  /** The whole file. */
  read(key: string): Promise<Uint8Array>;
}

/** Files from a folder (recursive) or an explicit list of paths. */
export class LocalFileStore implements FileStore {
  readonly label: string;
  constructor(private readonly source: string | string[]) {
    this.label = typeof source === 'string' ? source : `${source.length} files`;
  }
  async list(): Promise<{ key: string; size: number }[]> {
    const paths = typeof this.source === 'string' ? await listSuperdarnFiles(this.source) : [...this.source].sort();
    return Promise.all(paths.map(async (p) => {
      try { return { key: p, size: (await stat(p)).size }; } catch (e) { throw new Error(`cannot read ${p}: ${(e as Error).message}`); }
    }));
  }
  async read(key: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(key));
  }
  /** Key relative to the folder (for display). */
  name(key: string): string {
    return typeof this.source === 'string' ? relative(this.source, key) : key;
  }
}
