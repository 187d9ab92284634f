import { BZ2_CRC_TABLE, bz2CombineCrc } from './crc.js';
import { BitWriter } from './bits.js';
import { encodeBlock } from './block-encode.js';

/** Options of the bzip2 compressor. */
export interface Bzip2Options {
  /** Block size in units of 100 000 bytes, 1..9 (as `bzip2 -1` … `-9`). */
  level: number;
}

/** Defaults: level 9 (900k blocks), like the `bzip2` binary. */
export const DEFAULT_BZIP2_OPTIONS: Bzip2Options = { level: 9 };

/**
 * Incremental bzip2 compressor producing a standard single-stream `.bz2` that `bzip2 -d` reads.
 * Memory: one block (≤ 900k) plus the sorter's working arrays.
 */
export class Bzip2Encoder {
  private readonly w = new BitWriter();
  private readonly block: Uint8Array;
  private readonly maxBlock: number;
  private n = 0;
  private blockCrc = -1;
  private streamCrc = 0;
  private cur = -1;
  private run = 0;
  private finished = false;

  constructor(opts: Partial<Bzip2Options> = {}) {
    const level = opts.level ?? DEFAULT_BZIP2_OPTIONS.level;
    if (!Number.isInteger(level) || level < 1 || level > 9) throw new RangeError(`bzip2 level must be an integer 1..9, got ${level}`);
    this.maxBlock = level * 100000 - 19;
    this.block = new Uint8Array(this.maxBlock);
    this.w.write(24, 0x425a68);
    this.w.write(8, 0x30 + level);
  }

  private flushRun(): void {
    const ch = this.cur;
    const r = this.run;
    if (r === 0) return;
    if (this.n + 5 > this.maxBlock) this.endBlock();
    let crc = this.blockCrc;
    for (let i = 0; i < r; i++) crc = (crc << 8) ^ BZ2_CRC_TABLE[((crc >>> 24) ^ ch) & 0xff];
    this.blockCrc = crc;
    const b = this.block;
    if (r < 4) {
      for (let i = 0; i < r; i++) b[this.n++] = ch;
    } else {
      b[this.n] = ch; b[this.n + 1] = ch; b[this.n + 2] = ch; b[this.n + 3] = ch;
      b[this.n + 4] = r - 4;
      this.n += 5;
    }
    this.run = 0;
  }

  private endBlock(): void {
    if (this.n === 0) return;
    const crc = ~this.blockCrc >>> 0;
    encodeBlock(this.w, this.block, this.n, crc);
    this.streamCrc = bz2CombineCrc(this.streamCrc, crc);
    this.n = 0;
    this.blockCrc = -1;
  }

  /** Adds input; returns compressed bytes completed so far (possibly empty). */
  push(data: Uint8Array): Uint8Array {
    if (this.finished) throw new Error('Bzip2Encoder.push after finish()');
    let cur = this.cur;
    let run = this.run;
    for (let i = 0; i < data.length; i++) {
      const b = data[i];
      if (b === cur && run < 255) { run++; continue; }
      this.cur = cur; this.run = run;
      this.flushRun();
      cur = b;
      run = 1;
    }
    this.cur = cur;
    this.run = run;
    return this.w.take();
  }

  /** Flushes the last block and the end-of-stream marker; returns the remaining bytes. */
  finish(): Uint8Array {
    if (this.finished) return new Uint8Array(0);
    this.finished = true;
    this.flushRun();
    this.endBlock();
    this.w.write(24, 0x177245); this.w.write(24, 0x385090);
    this.w.write32(this.streamCrc);
    this.w.flushByte();
    return this.w.take();
  }
}

/** Compresses `data` into one bzip2 stream. */
export function bzip2Sync(data: Uint8Array, opts: Partial<Bzip2Options> = {}): Uint8Array {
  const enc = new Bzip2Encoder(opts);
  const a = enc.push(data);
  const b = enc.finish();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Streaming compression: yields compressed chunks as input chunks arrive. */
export async function* bzip2(
  source: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  opts: Partial<Bzip2Options> = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const enc = new Bzip2Encoder(opts);
  for await (const chunk of source) {
    const out = enc.push(chunk);
    if (out.length) yield out;
  }
  yield enc.finish();
}
