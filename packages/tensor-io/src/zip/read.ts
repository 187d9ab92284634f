import { inflateRawSync } from 'node:zlib';
import { TensorIOError } from '../formats/errors.js';
import { asSource, type ByteSource } from '../formats/source.js';
import { crc32 } from './crc32.js';

/** One file in a zip archive, as described by its central-directory record. */
export interface ZipEntry {
  /** Entry name as stored (forward slashes; not yet checked for safety — see `safeJoin`). */
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  /** Declared uncompressed size. */
  size: number;
  crc32: number;
  /** Offset of the local file header. */
  localHeaderOffset: number;
  /** Offset of the entry's data (after the local header). */
  dataOffset: number;
  isDirectory: boolean;
  /** True for Unix symlink entries (never followed or created by our extractors). */
  isSymlink: boolean;
}

/** Limits applied when reading zip archives. */
export interface ZipReadOptions {
  /** Largest uncompressed entry accepted (declared and actual), bytes. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed sizes accepted by whole-archive readers, bytes. */
  maxTotalBytes: number;
  /** Verify each entry's CRC-32. */
  checkCrc: boolean;
}

/** Default zip limits: 2 GiB per entry, 8 GiB per archive, CRCs checked. */
export const DEFAULT_ZIP_READ_OPTIONS: ZipReadOptions = {
  maxEntryBytes: 2 ** 31 - 1, maxTotalBytes: 2 ** 33, checkCrc: true,
};

/** Deflate can not expand data by more than ~1032:1; larger declared ratios are lies (bombs). */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Lists the entries of a zip archive from its central directory (zip64 supported). Given a
 * {@link ByteSource}, only the tail, the directory and the local headers are read.
 */
export function listZip(input: Uint8Array | ByteSource, name = '<zip>'): ZipEntry[] {
  const src = asSource(input, name);
  const n = src.size;
  const err = (msg: string, offset?: number, field?: string): TensorIOError => new TensorIOError(msg, { file: name, offset, field });
  if (n < 22) throw err(`truncated: ${n} bytes is too short for a zip archive`, 0);
  // The end record is in the last 22 + 65535 bytes (its comment is at most 65535 bytes).
  const tailStart = Math.max(0, n - 22 - 0xffff);
  const tail = src.read(tailStart, n - tailStart);
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let p = tail.byteLength - 22; p >= 0; p--) {
    if (tv.getUint32(p, true) === 0x06054b50) { eocd = p; break; }
  }
  if (eocd < 0) throw err('not a zip archive or truncated (no end-of-central-directory record)', Math.max(0, n - 22));
  const dv = tv;
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== 0x07064b50) throw err('zip64 locator missing', Math.max(0, tailStart + loc), 'zip64');
    const z = Number(dv.getBigUint64(loc + 8, true));
    if (z + 56 > n) throw err('zip64 end-of-central-directory record missing', z, 'zip64');
    const zr = src.read(z, 56);
    const zv = new DataView(zr.buffer, zr.byteOffset, 56);
    if (zv.getUint32(0, true) !== 0x06064b50) throw err('zip64 end-of-central-directory record missing', z, 'zip64');
    count = Number(zv.getBigUint64(32, true));
    cdSize = Number(zv.getBigUint64(40, true));
    cdOffset = Number(zv.getBigUint64(48, true));
  }
  if (cdOffset + cdSize > n) throw err(`truncated: central directory (${cdSize} bytes at ${cdOffset}) runs past end of file (${n} bytes)`, cdOffset, 'central directory');
  if (count > cdSize / 46) throw err(`central directory claims ${count} entries in ${cdSize} bytes`, tailStart + eocd, 'entry count');
  return readDirectory(src, name, cdOffset, cdSize, count, err);
}

function readDirectory(
  src: ByteSource, name: string, cdOffset: number, cdSize: number, count: number,
  err: (msg: string, offset?: number, field?: string) => TensorIOError,
): ZipEntry[] {
  const n = src.size;
  const cd = src.read(cdOffset, cdSize);
  const dv = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries: ZipEntry[] = [];
  const dec = new TextDecoder('utf-8');
  // Offsets below are relative to the directory; messages add cdOffset back.
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > cdSize || dv.getUint32(p, true) !== 0x02014b50) throw err(`bad central directory record ${k}`, cdOffset + p, 'central directory');
    const flags = dv.getUint16(p + 8, true);
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    let csize = dv.getUint32(p + 20, true);
    let usize = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const extAttr = dv.getUint32(p + 38, true);
    let lho = dv.getUint32(p + 42, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdSize) throw err(`central directory record ${k} runs past the directory`, cdOffset + p, 'central directory');
    const entryName = dec.decode(cd.subarray(p + 46, p + 46 + nameLen));
    // zip64 extended information: only the fields whose 32-bit value is saturated are present.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const next = (): number => { const v = Number(dv.getBigUint64(q, true)); q += 8; return v; };
        if (usize === 0xffffffff && q + 8 <= e + 4 + len) usize = next();
        if (csize === 0xffffffff && q + 8 <= e + 4 + len) csize = next();
        if (lho === 0xffffffff && q + 8 <= e + 4 + len) lho = next();
      }
      e += 4 + len;
    }
    if (flags & 1) throw err('encrypted entries are not supported', cdOffset + p, entryName);
    if (lho + 30 > n) throw err('bad local file header', lho, entryName);
    const lh = src.read(lho, 30);
    const lv = new DataView(lh.buffer, lh.byteOffset, 30);
    if (lv.getUint32(0, true) !== 0x04034b50) throw err('bad local file header', lho, entryName);
    const dataOffset = lho + 30 + lv.getUint16(26, true) + lv.getUint16(28, true);
    if (dataOffset + csize > n) throw err(`truncated: entry data (${csize} bytes at ${dataOffset}) runs past end of file (${n} bytes)`, dataOffset, entryName);
    const unixMode = extAttr >>> 16;
    entries.push({
      name: entryName, method, compressedSize: csize, size: usize, crc32: crc, localHeaderOffset: lho, dataOffset,
      isDirectory: entryName.endsWith('/'), isSymlink: (unixMode & 0o170000) === 0o120000,
    });
    p = end;
  }
  return entries;
}

/**
 * Returns the uncompressed bytes of one entry (a view on `bytes` for stored entries). Declared
 * sizes above `maxEntryBytes` or beyond deflate's maximum ratio are refused before allocating, and
 * the actual inflated size must equal the declared one (never more memory than declared + 1 byte).
 */
export function readZipEntry(
  input: Uint8Array | ByteSource, entry: ZipEntry, name = '<zip>', options: Partial<ZipReadOptions> = {},
): Uint8Array {
  const opts = { ...DEFAULT_ZIP_READ_OPTIONS, ...options };
  const where = { file: name, offset: entry.dataOffset, field: entry.name };
  if (entry.size > opts.maxEntryBytes) {
    throw new TensorIOError(`entry declares ${entry.size} bytes, over the limit of ${opts.maxEntryBytes} (zip bomb guard)`, where);
  }
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw new TensorIOError(`stored entry sizes disagree (${entry.compressedSize} vs ${entry.size})`, where);
  const raw = asSource(input, name).read(entry.dataOffset, entry.compressedSize);
  let out: Uint8Array;
  if (entry.method === 0) {
    out = raw;
  } else if (entry.method === 8) {
    if (entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) {
      throw new TensorIOError(`entry declares ${entry.size} bytes from ${entry.compressedSize} compressed bytes, beyond what deflate can produce (zip bomb?)`, where);
    }
    out = inflateBounded(raw, entry.size, where);
  } else {
    throw new TensorIOError(`unsupported compression method ${entry.method} (only stored and deflate)`, where);
  }
  if (opts.checkCrc && crc32(out) !== entry.crc32) throw new TensorIOError('CRC-32 mismatch: entry is corrupt', where);
  return out;
}

/**
 * Reads every file entry of an archive into a Map (name → bytes), enforcing the per-entry and
 * total size limits. Directory and symlink entries are skipped.
 */
export function readZip(input: Uint8Array | ByteSource, name = '<zip>', options: Partial<ZipReadOptions> = {}): Map<string, Uint8Array> {
  const opts = { ...DEFAULT_ZIP_READ_OPTIONS, ...options };
  const bytes = asSource(input, name);
  const entries = listZip(bytes, name).filter((e) => !e.isDirectory && !e.isSymlink);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > opts.maxTotalBytes) throw new TensorIOError(`archive declares more than ${opts.maxTotalBytes} uncompressed bytes (zip bomb guard)`, { file: name, field: e.name });
  }
  const out = new Map<string, Uint8Array>();
  for (const e of entries) out.set(e.name, readZipEntry(bytes, e, name, opts));
  return out;
}

/**
 * Inflates raw deflate data that must produce exactly `size` bytes, with zlib's `maxOutputLength`
 * set to `size + 1`: a bomb is stopped as soon as it overflows, so memory stays bounded by the
 * declared size and time by the work done up to it.
 */
function inflateBounded(raw: Uint8Array, size: number, where: { file: string; offset: number; field: string }): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, size + 1) });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new TensorIOError(`entry inflates past its declared ${size} bytes (zip bomb guard)`, where, { cause: e });
    }
    throw new TensorIOError(`corrupt deflate data: ${(e as Error).message}`, where, { cause: e });
  }
  if (out.byteLength > size) throw new TensorIOError(`entry inflates past its declared ${size} bytes (zip bomb guard)`, where);
  if (out.byteLength !== size) throw new TensorIOError(`entry inflates to ${out.byteLength} bytes, declared ${size}`, where);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
