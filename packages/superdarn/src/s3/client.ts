import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** How to reach an S3-compatible server (AWS, MinIO, Ceph radosgw). Passed in; never read from the environment here. */
export interface S3ConnectionOptions {
  /** e.g. `http://127.0.0.1:7480`; empty = AWS default endpoint. */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by MinIO/radosgw. */
  forcePathStyle: boolean;
  /** SDK attempts per request (default 3): the SDK retries network errors, 5xx and throttling itself. */
  maxAttempts: number;
  /**
   * Backoff before the SDK's retry n: `retryDelayMs · 2^(n−1)`, at most 5 s (e.g. to ride out a
   * server restart). 0 (default) keeps the SDK's own jittered backoff.
   */
  retryDelayMs: number;
}

/** Defaults: AWS endpoint, us-east-1, path style, 3 attempts with the SDK's backoff, no keys. */
export const DEFAULT_S3_CONNECTION: S3ConnectionOptions = {
  endpoint: '', region: 'us-east-1', accessKeyId: '', secretAccessKey: '', forcePathStyle: true, maxAttempts: 3, retryDelayMs: 0,
};

/**
 * An S3Client for the options: `forcePathStyle`, and checksums only WHEN_REQUIRED (newer SDKs
 * otherwise send CRC32 trailers that MinIO/radosgw versions reject).
 */
export function makeS3Client(options: Partial<S3ConnectionOptions> = {}): S3Client {
  const o = { ...DEFAULT_S3_CONNECTION, ...options };
  return new S3Client({
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    region: o.region,
    forcePathStyle: o.forcePathStyle,
    ...(o.retryDelayMs > 0
      ? { retryStrategy: new ConfiguredRetryStrategy(o.maxAttempts, (n: number) => Math.min(5000, o.retryDelayMs * 2 ** (n - 1))) }
      : { maxAttempts: o.maxAttempts }),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(o.accessKeyId ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } } : {}),
  });
}

/** Splits `s3://bucket/prefix/…` into bucket and key prefix ('' for the whole bucket). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(m[1])) throw new Error(`not an s3://bucket[/prefix] URL (bucket names: 3–63 of a-z 0-9 . -): '${url}'`);
  return { bucket: m[1], prefix: m[2] };
}

/** One listed object. */
export interface S3ObjectInfo {
  key: string;
  size: number;
  /** ETag without quotes (MD5 hex for single-part uploads, `md5-N` for multipart). */
  etag: string;
}

/** Lists every object under `prefix`, following continuation tokens past the 1000-key pages. */
export async function* listObjects(client: S3Client, bucket: string, prefix = ''): AsyncGenerator<S3ObjectInfo> {
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (o.Key === undefined) continue;
      yield { key: o.Key, size: Number(o.Size ?? 0), etag: (o.ETag ?? '').replace(/"/g, '') };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** All objects under `prefix` (see {@link listObjects}). */
export async function listAllObjects(client: S3Client, bucket: string, prefix = ''): Promise<S3ObjectInfo[]> {
  const out: S3ObjectInfo[] = [];
  for await (const o of listObjects(client, bucket, prefix)) out.push(o);
  return out;
}

/**
 * Reads an object (or the byte range [start, end] inclusive) into memory.
 * @throws Error naming bucket/key on failure
 */
export async function getObjectBytes(client: S3Client, bucket: string, key: string, range?: { start: number; end?: number }): Promise<Uint8Array> {
  try {
    const r = await client.send(new GetObjectCommand({
      Bucket: bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}),
    }));
    if (!r.Body) throw new Error('empty response body');
    return await r.Body.transformToByteArray();
  } catch (e) {
    throw new Error(`s3://${bucket}/${key}${range ? ` bytes ${range.start}-${range.end ?? ''}` : ''}: ${(e as Error).message}`, { cause: e });
  }
}
