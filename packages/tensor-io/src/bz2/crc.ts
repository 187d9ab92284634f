import { TensorIOError } from '../formats/errors.js';
/**
 * The CRC-32 bzip2 uses: polynomial 0x04C11DB7, MSB-first (not reflected), initial value
 * 0xFFFFFFFF, final complement. One CRC per block over the uncompressed bytes; the stream CRC
 * combines block CRCs with a 1-bit rotation.
 */

/** 256-entry lookup table of the MSB-first CRC-32. */
export const BZ2_CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** Feeds `bytes[start..end)` into a running (non-finalised) CRC and returns the new state. */
export function bz2CrcUpdate(crc: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = BZ2_CRC_TABLE;
  let c = crc | 0;
  for (let i = start; i < end; i++) c = (c << 8) ^ t[((c >>> 24) ^ bytes[i]) & 0xff];
  return c >>> 0;
}

/** CRC of a whole byte range as bzip2 stores it for a block (init ~0, final ~). */
export function bz2Crc(bytes: Uint8Array): number {
  return ~bz2CrcUpdate(0xffffffff, bytes) >>> 0;
}

/** Folds one block CRC into the stream CRC (rotate left by 1, xor). */
export function bz2CombineCrc(streamCrc: number, blockCrc: number): number {
  return (((streamCrc << 1) | (streamCrc >>> 31)) ^ blockCrc) >>> 0;
}

/** Error raised for malformed or truncated bzip2 data; `offset` is the compressed byte offset. */
export class Bzip2Error extends TensorIOError {
  /** Byte offset in the compressed input where the problem was detected. */
  declare readonly offset: number;
  /** 0-based block index within the whole input (all streams), or -1 outside blocks. */
  readonly block: number;
  constructor(message: string, offset: number, block = -1) {
    super(message, { offset }, { message: `bzip2: ${message} (compressed byte offset ${offset}${block >= 0 ? `, block ${block}` : ''})` });
    this.block = block;
    this.name = 'Bzip2Error';
  }
}
