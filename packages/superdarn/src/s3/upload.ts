import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

/** Options of {@link putObjectBytes} and {@link uploadFile}. */
export interface PutOptions {
  /** Bodies larger than this go up as a multipart upload in parts of this size (default 8 MiB, minimum 5 MiB). */
  partSize: number;
  /** Parts in flight at once (default 4). */
  queueSize: number;
}

/** Defaults: 8 MiB parts, 4 at a time. */
export const DEFAULT_PUT_OPTIONS: PutOptions = { partSize: 8 * 1024 * 1024, queueSize: 4 };

/**
 * Uploads a body through `@aws-sdk/lib-storage`'s `Upload`: one PUT when it fits in a part, else a
 * multipart upload (parts in parallel, each retried by the SDK; the upload is aborted on failure so
 * no orphaned parts stay behind). Returns the ETag without quotes (`md5-N` for N parts).
 */
async function upload(client: S3Client, bucket: string, key: string, body: Uint8Array | NodeJS.ReadableStream, options: Partial<PutOptions>): Promise<string> {
  const o = { ...DEFAULT_PUT_OPTIONS, ...options };
  const partSize = Math.max(5 * 1024 * 1024, o.partSize);
  try {
    const done = await new Upload({ client, params: { Bucket: bucket, Key: key, Body: body as Uint8Array }, partSize, queueSize: o.queueSize, leavePartsOnError: false }).done();
    // Some servers (radosgw) put no ETag in the completion response the SDK parses: ask for it.
    const etag = done.ETag || (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ETag || '';
    return etag.replace(/"/g, '');
  } catch (e) {
    throw new Error(`s3://${bucket}/${key}: upload failed: ${(e as Error).message}`, { cause: e });
  }
}

/** Uploads bytes (multipart above `partSize`, see {@link PutOptions}). Returns the ETag (no quotes). */
export function putObjectBytes(client: S3Client, bucket: string, key: string, data: Uint8Array, options: Partial<PutOptions> = {}): Promise<string> {
  return upload(client, bucket, key, data, options);
}

/**
 * Uploads a file streamed from disk (bounded memory: about `partSize × queueSize`), multipart above
 * `partSize`. Returns the ETag (no quotes).
 */
export async function uploadFile(client: S3Client, bucket: string, key: string, path: string, options: Partial<PutOptions> = {}): Promise<string> {
  await stat(path).catch((e: Error) => { throw new Error(`${path}: cannot upload: ${e.message}`); });
  return upload(client, bucket, key, createReadStream(path), options);
}
