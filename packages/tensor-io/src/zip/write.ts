import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';

/** A file to put in a zip archive. */
export interface ZipInput {
  /** Entry name, forward slashes. */
  name: string;
  data: Uint8Array;
  /** Deflate this entry (default false: stored). */
  compress?: boolean;
}

/** Options of {@link writeZip}. */
export interface ZipWriteOptions {
  /** Pad local headers so each entry's data starts at a multiple of this many bytes (0 = none). */
  align: number;
  /** Deflate level 0–9 for compressed entries. */
  level: number;
}

/** Default zip writer options: no alignment, deflate level 6 (zlib's default, as numpy uses). */
export const DEFAULT_ZIP_WRITE_OPTIONS: ZipWriteOptions = { align: 0, level: 6 };

const U32 = 0xffffffff;
const enc = new TextEncoder();

/**
 * Writes a zip archive (stored or deflated entries, zip64 when sizes or offsets need it). The
 * output is deterministic: every entry gets the DOS timestamp 1980-01-01 00:00.
 */
export function writeZip(files: ZipInput[], options: Partial<ZipWriteOptions> = {}): Uint8Array {
  const opts = { ...DEFAULT_ZIP_WRITE_OPTIONS, ...options };
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = enc.encode(f.name);
    const utf8 = name.some((b) => b > 127);
    const crc = crc32(f.data);
    const body = f.compress ? toU8(deflateRawSync(f.data, { level: opts.level })) : f.data;
    const z64 = f.data.byteLength >= U32 || body.byteLength >= U32 || offset >= U32;
    const z64Local = f.data.byteLength >= U32 || body.byteLength >= U32;
    let extraLen = z64Local ? 20 : 0;
    let pad = 0;
    if (opts.align > 1) {
      const dataAt = offset + 30 + name.byteLength + extraLen + 4;
      pad = (opts.align - (dataAt % opts.align)) % opts.align;
      extraLen += 4 + pad;
    }
    const local = new Uint8Array(30 + name.byteLength + extraLen);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, z64 ? 45 : 20, true);
    lv.setUint16(6, utf8 ? 0x0800 : 0, true);
    lv.setUint16(8, f.compress ? 8 : 0, true);
    lv.setUint16(10, 0, true); // time 00:00
    lv.setUint16(12, 0x21, true); // date 1980-01-01
    lv.setUint32(14, crc, true);
    lv.setUint32(18, z64Local ? U32 : body.byteLength, true);
    lv.setUint32(22, z64Local ? U32 : f.data.byteLength, true);
    lv.setUint16(26, name.byteLength, true);
    lv.setUint16(28, extraLen, true);
    local.set(name, 30);
    let e = 30 + name.byteLength;
    if (z64Local) {
      lv.setUint16(e, 1, true); lv.setUint16(e + 2, 16, true);
      lv.setBigUint64(e + 4, BigInt(f.data.byteLength), true);
      lv.setBigUint64(e + 12, BigInt(body.byteLength), true);
      e += 20;
    }
    if (opts.align > 1) { lv.setUint16(e, 0x4246, true); lv.setUint16(e + 2, pad, true); }
    parts.push(local, body);

    const cz: bigint[] = [];
    if (f.data.byteLength >= U32) cz.push(BigInt(f.data.byteLength));
    if (body.byteLength >= U32) cz.push(BigInt(body.byteLength));
    if (offset >= U32) cz.push(BigInt(offset));
    const cextra = cz.length ? 4 + 8 * cz.length : 0;
    const c = new Uint8Array(46 + name.byteLength + cextra);
    const cv = new DataView(c.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, z64 ? 45 : 20, true);
    cv.setUint16(6, z64 ? 45 : 20, true);
    cv.setUint16(8, utf8 ? 0x0800 : 0, true);
    cv.setUint16(10, f.compress ? 8 : 0, true);
    cv.setUint16(12, 0, true);
    cv.setUint16(14, 0x21, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, Math.min(body.byteLength, U32), true);
    cv.setUint32(24, Math.min(f.data.byteLength, U32), true);
    cv.setUint16(28, name.byteLength, true);
    cv.setUint16(30, cextra, true);
    cv.setUint32(42, Math.min(offset, U32), true);
    c.set(name, 46);
    if (cz.length) {
      cv.setUint16(46 + name.byteLength, 1, true);
      cv.setUint16(48 + name.byteLength, 8 * cz.length, true);
      cz.forEach((v, k) => cv.setBigUint64(50 + name.byteLength + 8 * k, v, true));
    }
    central.push(c);
    offset += local.byteLength + body.byteLength;
  }
  const cdOffset = offset;
  const cdSize = central.reduce((a, c) => a + c.byteLength, 0);
  const z64End = files.length >= 0xffff || cdOffset >= U32 || cdSize >= U32;
  const tail = new Uint8Array((z64End ? 56 + 20 : 0) + 22);
  const tv = new DataView(tail.buffer);
  let t = 0;
  if (z64End) {
    tv.setUint32(0, 0x06064b50, true);
    tv.setBigUint64(4, 44n, true);
    tv.setUint16(12, 45, true); tv.setUint16(14, 45, true);
    tv.setBigUint64(24, BigInt(files.length), true);
    tv.setBigUint64(32, BigInt(files.length), true);
    tv.setBigUint64(40, BigInt(cdSize), true);
    tv.setBigUint64(48, BigInt(cdOffset), true);
    tv.setUint32(56, 0x07064b50, true);
    tv.setBigUint64(64, BigInt(cdOffset + cdSize), true);
    tv.setUint32(72, 1, true);
    t = 76;
  }
  tv.setUint32(t, 0x06054b50, true);
  tv.setUint16(t + 8, Math.min(files.length, 0xffff), true);
  tv.setUint16(t + 10, Math.min(files.length, 0xffff), true);
  tv.setUint32(t + 12, Math.min(cdSize, U32), true);
  tv.setUint32(t + 16, Math.min(cdOffset, U32), true);
  const out = new Uint8Array(offset + cdSize + tail.byteLength);
  let p = 0;
  for (const part of [...parts, ...central, tail]) { out.set(part, p); p += part.byteLength; }
  return out;
}

function toU8(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
