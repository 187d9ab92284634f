import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { listSuperdarnFiles } from '../files.js';
import { parseSuperdarnFileName } from '../records.js';
import { getObjectBytes, listAllObjects } from '../s3/client.js';

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

/** Objects under an S3 prefix whose names are SuperDARN files. */
export class S3FileStore implements FileStore {
  readonly label: string;
  constructor(private readonly client: S3Client, private readonly bucket: string, private readonly prefix = '') {
    this.label = `s3://${bucket}/${prefix}`;
  }
  async list(): Promise<{ key: string; size: number }[]> {
    const all = await listAllObjects(this.client, this.bucket, this.prefix);
    return all.filter((o) => parseSuperdarnFileName(o.key).kind !== undefined).map((o) => ({ key: o.key, size: o.size })).sort((a, b) => (a.key < b.key ? -1 : 1));
  }
  read(key: string): Promise<Uint8Array> {
    return getObjectBytes(this.client, this.bucket, key);
  }
}
