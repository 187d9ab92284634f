// Port of st7ma784/WeatherLearn/PTL/DataModule.py:DatasetFromMinioBucket.prepare_data
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { safeJoin } from '@weatherlearn/tensor-io';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { listAllObjects, makeS3Client, parseS3Url, type S3ConnectionOptions, type S3ObjectInfo } from './client.js';

/** Progress of a mirror run. */
export interface MirrorProgress {
  /** Objects finished (downloaded + skipped + failed + refused) / listed. */
  done: number;
  total: number;
  /** Bytes written in this run / bytes of all listed objects. */
  bytes: number;
  totalBytes: number;
  /** The object just finished and what happened to it. */
  key: string;
  action: 'downloaded' | 'skipped' | 'failed' | 'refused';
}

/** Options of {@link mirrorBucket}. */
export interface MirrorOptions {
  /** Parallel downloads (default 8). */
  concurrency: number;
  /** Connection (endpoint, keys) when no `client` is given. */
  s3: Partial<S3ConnectionOptions>;
  /** A ready client (tests, custom retry settings). */
  client?: S3Client;
  /**
   * Attempts per request (default 8). Requests are retried by the SDK itself (network errors, 5xx,
   * throttling; backoff from `retryDelayMs` doubling up to 5 s) — the mirror does not wrap those
   * retries in its own. It only resumes a download whose body broke off mid-transfer (which the SDK
   * cannot retry), with a ranged GET, up to `retries` times per object.
   */
  retries: number;
  retryDelayMs: number;
  /** Called after every object. */
  onProgress?: (p: MirrorProgress) => void;
}

/** Defaults: 8 parallel downloads, 8 attempts starting at 250 ms. */
export const DEFAULT_MIRROR_OPTIONS: MirrorOptions = { concurrency: 8, s3: {}, retries: 8, retryDelayMs: 250 };

/** Result of {@link mirrorBucket}. */
export interface MirrorResult {
  downloaded: string[];
  skipped: string[];
  /** Keys that would land outside `dir` (never written). */
  refused: { key: string; reason: string }[];
  failed: { key: string; error: string }[];
  bytes: number;
}

/** Name of the ETag manifest kept in the target folder. */
export const MIRROR_MANIFEST = '.mirror-etags.json';

async function md5File(path: string): Promise<string> {
  const h = createHash('md5');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function sizeOf(path: string): Promise<number | undefined> {
  try { return (await stat(path)).size; } catch { return undefined; }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Mirrors `s3://bucket/prefix` into `dir`, keeping the key layout (`dir/<key>`): the original's
 * MinioToDisk. Downloads run `concurrency` at a time into `<file>.part` and are renamed when
 * complete (size checked, MD5 checked for single-part ETags). Files already present with the
 * same size and ETag (remembered in `dir/.mirror-etags.json`, else the local MD5) are skipped. A
 * partial download is resumed with a ranged GET (`If-Match` the ETag) after an interruption;
 * the SDK retries failed requests with backoff, so a server restart mid-transfer only delays it. Keys
 * that would escape `dir` (absolute, `..`) are refused, never written.
 */
export async function mirrorBucket(s3Url: string, dir: string, options: Partial<MirrorOptions> = {}): Promise<MirrorResult> {
  const o = { ...DEFAULT_MIRROR_OPTIONS, ...options };
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw new Error(`mirror: concurrency must be a positive integer, got ${o.concurrency}`);
  const { bucket, prefix } = parseS3Url(s3Url);
  // One retry layer: the SDK's (attempts and backoff from the options, unless a client is given).
  const client = o.client ?? makeS3Client({ maxAttempts: o.retries, retryDelayMs: o.retryDelayMs, ...o.s3 });
  const failure = (what: string, e: unknown, resumes = 0): Error =>
    new Error(`${what}: ${(e as Error).message}${resumes > 0 ? ` (after ${resumes} resumed transfer(s))` : ''}`, { cause: e });
  let objects: S3ObjectInfo[];
  try { objects = await listAllObjects(client, bucket, prefix); } catch (e) { throw failure(`listing ${s3Url}`, e); }
  await mkdir(dir, { recursive: true });
  const manifestPath = join(dir, MIRROR_MANIFEST);
  let manifest: Record<string, string> = {};
  try { manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, string>; } catch { manifest = {}; }
  const result: MirrorResult = { downloaded: [], skipped: [], refused: [], failed: [], bytes: 0 };
  const totalBytes = objects.reduce((t, x) => t + x.size, 0);
  let done = 0;
  let saving = Promise.resolve();
  const saveManifest = () => { saving = saving.then(() => writeFileAtomic(manifestPath, JSON.stringify(manifest))); return saving; };
  const report = (key: string, action: MirrorProgress['action']) => {
    done++;
    o.onProgress?.({ done, total: objects.length, bytes: result.bytes, totalBytes, key, action });
  };

  /**
   * Fetches `obj` into `part`, continuing a partial file with a ranged GET (`If-Match` the ETag).
   * A body that breaks off mid-transfer is resumed (up to `retries` times, with backoff); request
   * errors are final here, the SDK having retried them already.
   */
  const download = async (obj: S3ObjectInfo, part: string): Promise<void> => {
    const what = `s3://${bucket}/${obj.key}`;
    let delay = o.retryDelayMs;
    for (let resumes = 0; ; resumes++) {
      let have = (await sizeOf(part)) ?? 0;
      if (have > obj.size) { await rm(part, { force: true }); have = 0; }
      if (have < obj.size) {
        let r;
        try {
          r = await client.send(new GetObjectCommand({
            Bucket: bucket, Key: obj.key, ...(have > 0 ? { Range: `bytes=${have}-`, IfMatch: `"${obj.etag}"` } : {}),
          }));
        } catch (e) {
          if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412 && resumes + 1 < o.retries) {
            await rm(part, { force: true }); // the object changed since listing: start it again
            continue;
          }
          throw failure(what, e, resumes);
        }
        if (have > 0 && !r.ContentRange) have = 0; // server ignored the range: rewrite from the start
        const fh = await open(part, have > 0 ? 'a' : 'w');
        let broke: unknown;
        try {
          for await (const chunk of r.Body as AsyncIterable<Uint8Array>) {
            await fh.write(chunk);
            result.bytes += chunk.length;
          }
          await fh.sync();
        } catch (e) { broke = e; } finally { await fh.close(); }
        if (broke !== undefined) {
          if (resumes + 1 >= o.retries) throw failure(what, broke, resumes);
          await sleep(delay);
          delay = Math.min(5000, delay * 2);
          continue;
        }
      }
      const got = (await sizeOf(part)) ?? 0;
      if (got !== obj.size) throw new Error(`${what}: incomplete download: ${got} of ${obj.size} bytes`);
      return;
    }
  };

  const one = async (obj: S3ObjectInfo): Promise<void> => {
    if (obj.key.endsWith('/')) { report(obj.key, 'skipped'); result.skipped.push(obj.key); return; } // folder marker
    let target: string;
    try { target = safeJoin(dir, obj.key); } catch (e) {
      result.refused.push({ key: obj.key, reason: (e as Error).message });
      report(obj.key, 'refused');
      return;
    }
    const simpleEtag = /^[0-9a-f]{32}$/i.test(obj.etag);
    if ((await sizeOf(target)) === obj.size) {
      const same = manifest[obj.key] === obj.etag || (simpleEtag && (await md5File(target)) === obj.etag.toLowerCase());
      if (same) {
        if (manifest[obj.key] !== obj.etag) { manifest[obj.key] = obj.etag; await saveManifest(); }
        result.skipped.push(obj.key);
        report(obj.key, 'skipped');
        return;
      }
    }
    const part = `${target}.part`;
    try {
      await mkdir(dirname(target), { recursive: true });
      await download(obj, part);
      if (simpleEtag && (await md5File(part)) !== obj.etag.toLowerCase()) {
        await rm(part, { force: true });
        throw new Error(`MD5 of the download does not match ETag ${obj.etag}`);
      }
      await rename(part, target);
      manifest[obj.key] = obj.etag;
      await saveManifest();
      result.downloaded.push(obj.key);
      report(obj.key, 'downloaded');
    } catch (e) {
      result.failed.push({ key: obj.key, error: (e as Error).message });
      report(obj.key, 'failed');
    }
  };

  let next = 0;
  const workers = Array.from({ length: Math.min(o.concurrency, objects.length) }, async () => {
    while (next < objects.length) await one(objects[next++]);
  });
  await Promise.all(workers);
  await saving;
  return result;
}
