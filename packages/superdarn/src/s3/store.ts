import type { S3Client } from '@aws-sdk/client-s3';
import type { FileStore } from '../dataset/store.js';
import { parseSuperdarnFileName } from '../records.js';
import { getObjectBytes, listAllObjects } from './client.js';

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
