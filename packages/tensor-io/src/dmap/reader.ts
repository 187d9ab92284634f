import { open } from 'node:fs/promises';
import { bunzip2, isBzip2 } from '../bz2/decompress.js';
import { Bzip2Error } from '../bz2/crc.js';
import { DmapError, type DmapRecord } from './types.js';
import { DmapStreamParser, type DmapReadOptions, type DmapSkipped } from './stream-parser.js';

/** Where DMAP bytes come from: a file path, bytes in memory, or a stream of chunks (e.g. S3/MinIO). */
export type DmapSource = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Reads a file in 1 MiB chunks (each a fresh buffer). */
export async function* fileChunks(path: string, chunkSize = 1 << 20): AsyncGenerator<Uint8Array, void, undefined> {
  const fh = await open(path, 'r');
  try {
    for (;;) {
      const b = new Uint8Array(chunkSize);
      const { bytesRead } = await fh.read(b, 0, chunkSize, null);
      if (bytesRead === 0) return;
      yield bytesRead === chunkSize ? b : b.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** Information about the decoded stream, filled in while reading. */
export interface DmapStreamInfo {
  /** True when the input was bzip2-compressed. */
  compressed: boolean;
  /** Raw (possibly compressed) bytes read. */
  rawBytes: number;
  /** Decoded DMAP bytes read (set as reading proceeds). */
  decodedBytes?: number;
}

/**
 * Yields the decoded bytes of `source`, transparently decompressing bzip2 (detected by the `BZh`
 * magic, never by the file name).
 */
export async function* decodedChunks(source: DmapSource, info: DmapStreamInfo = { compressed: false, rawBytes: 0 }): AsyncGenerator<Uint8Array, void, undefined> {
  const input = typeof source === 'string' ? fileChunks(source) : source instanceof Uint8Array ? [source] : source;
  const it = (Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]()) as AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  const head: Uint8Array[] = [];
  let headLen = 0;
  let ended = false;
  while (headLen < 4) {
    const r = await it.next();
    if (r.done) { ended = true; break; }
    head.push(r.value);
    headLen += r.value.length;
  }
  info.rawBytes = headLen;
  const first = head.length === 1 ? head[0] : new Uint8Array(Buffer.concat(head));
  async function* raw(): AsyncGenerator<Uint8Array, void, undefined> {
    try {
      yield first;
      if (ended) return;
      for (;;) {
        const r = await it.next();
        if (r.done) { ended = true; return; }
        info.rawBytes += r.value.length;
        yield r.value;
      }
    } finally {
      // A consumer that stops early (first record only) must still close the file.
      if (!ended) await it.return?.();
    }
  }
  if (isBzip2(first)) {
    info.compressed = true;
    yield* bunzip2(raw());
  } else {
    yield* raw();
  }
}

function sourceName(source: DmapSource, opts: Partial<DmapReadOptions>): string {
  return opts.name ?? (typeof source === 'string' ? source : source instanceof Uint8Array ? '<buffer>' : '<stream>');
}

/**
 * Streams the records of a DMAP file (plain or bzip2), holding at most one record and one
 * decompressor block in memory. Strict mode throws {@link DmapError} (file, record index, byte
 * offset) at the first corrupt record; lax mode skips corrupt regions, resynchronises on the
 * next record and reports each skip through `onSkip`. A bzip2 error ends a lax read (reported as
 * a skip) after the records decoded before it.
 */
export async function* readDmapRecords(
  source: DmapSource,
  options: Partial<DmapReadOptions> = {},
  info: DmapStreamInfo = { compressed: false, rawBytes: 0 },
): AsyncGenerator<DmapRecord, void, undefined> {
  const name = sourceName(source, options);
  const parser = new DmapStreamParser(options, name);
  const chunks = decodedChunks(source, info);
  let bzError: Bzip2Error | undefined;
  try {
    for await (const chunk of chunks) {
      parser.push(chunk);
      info.decodedBytes = parser.total;
      for (let r = parser.next(); r !== null; r = parser.next()) yield r;
    }
  } catch (e) {
    if (!(e instanceof Bzip2Error)) throw e;
    if (options.mode !== 'lax') throw new DmapError(name, parser.index, parser.total, `cannot decompress: ${e.message}`);
    bzError = e;
  }
  parser.end();
  for (let r = parser.next(); r !== null; r = parser.next()) yield r;
  if (bzError) {
    parser.skip({ index: parser.index, offset: parser.total, length: 0, reason: `cannot decompress the rest of the file: ${bzError.message}` });
  }
}

/** Result of {@link readDmapFile}: all good records and, in lax mode, what was skipped. */
export interface DmapReadResult {
  records: DmapRecord[];
  skipped: DmapSkipped[];
  /** True when the file was bzip2-compressed. */
  compressed: boolean;
}

/** Reads a whole DMAP file (plain or .bz2) into memory. */
export async function readDmapFile(source: DmapSource, options: Partial<DmapReadOptions> = {}): Promise<DmapReadResult> {
  const skipped: DmapSkipped[] = [];
  const records: DmapRecord[] = [];
  const info: DmapStreamInfo = { compressed: false, rawBytes: 0 };
  const onSkip = (s: DmapSkipped): void => { skipped.push(s); options.onSkip?.(s); };
  for await (const r of readDmapRecords(source, { ...options, onSkip }, info)) records.push(r);
  return { records, skipped, compressed: info.compressed };
}

/**
 * Parses uncompressed DMAP bytes synchronously (no bzip2; use {@link readDmapFile} for that).
 * Records reference `bytes` (aligned arrays are views into it).
 */
export function parseDmap(bytes: Uint8Array, options: Partial<DmapReadOptions> = {}): { records: DmapRecord[]; skipped: DmapSkipped[] } {
  const parser = new DmapStreamParser(options, options.name ?? '<buffer>');
  parser.push(bytes);
  parser.end();
  const records: DmapRecord[] = [];
  for (let r = parser.next(); r !== null; r = parser.next()) records.push(r);
  return { records, skipped: parser.skipped };
}
