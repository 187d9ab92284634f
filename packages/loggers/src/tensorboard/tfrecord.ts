import { maskedCrc32c } from './crc32c.js';

/**
 * Frames one TFRecord: uint64 LE length, masked CRC32C of those 8 bytes, the data, masked CRC32C
 * of the data.
 */
export function tfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + 4 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/**
 * Splits TFRecord bytes into payloads, verifying both masked CRCs. Errors name `source` and the
 * byte offset of the bad record.
 */
export function readTfRecords(bytes: Uint8Array, source = 'tfrecord'): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) throw new Error(`${source}@${pos}: truncated record header`);
    const len = Number(view.getBigUint64(pos, true));
    if (view.getUint32(pos + 8, true) !== maskedCrc32c(bytes.subarray(pos, pos + 8))) throw new Error(`${source}@${pos}: length CRC mismatch`);
    if (pos + 16 + len > bytes.length) throw new Error(`${source}@${pos}: truncated record (${len} bytes declared)`);
    const data = bytes.subarray(pos + 12, pos + 12 + len);
    if (view.getUint32(pos + 12 + len, true) !== maskedCrc32c(data)) throw new Error(`${source}@${pos}: data CRC mismatch`);
    out.push(data);
    pos += 16 + len;
  }
  return out;
}
