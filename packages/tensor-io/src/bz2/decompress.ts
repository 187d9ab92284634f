import { BZ2_CRC_TABLE, Bzip2Error, bz2CombineCrc } from './crc.js';
import { type BitState, alignToByte, bitState, readBits, readUint32 } from './bits.js';
import { decodeBlock } from './block-decode.js';

/** Options of the bzip2 decompressor. */
export interface Bunzip2Options {
  /** Abort with a Bzip2Error once more than this many bytes were produced (decompression-bomb guard). */
  maxOutputBytes: number;
  /** Size of the output chunks handed out (each chunk is a fresh buffer, safe to keep). */
  chunkSize: number;
  /** What to do with bytes after the last stream that are not another `BZh` stream. */
  trailingGarbage: 'error' | 'ignore';
}

/** Defaults: no output bound, 1 MiB chunks, trailing garbage is an error. */
export const DEFAULT_BUNZIP2_OPTIONS: Bunzip2Options = { maxOutputBytes: Infinity, chunkSize: 1 << 20, trailingGarbage: 'error' };

/** True when `bytes` starts with a bzip2 stream header (`BZh1`..`BZh9`). */
export function isBzip2(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68 && bytes[3] >= 0x31 && bytes[3] <= 0x39;
}

/**
 * Incremental bzip2 decoder (push input, pull output). Memory stays bounded: one block's BWT
 * vector (4 bytes × block size), at most ~2.3 MB of buffered compressed input and one output chunk.
 * Concatenated streams (as written by pbzip2 or `cat a.bz2 b.bz2`) decode as one output.
 */
export class Bunzip2Decoder {
  private readonly opts: Bunzip2Options;
  private st: BitState = bitState(new Uint8Array(0));
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private eof = false;
  private state: 'stream' | 'block' | 'emit' | 'done' = 'stream';
  private level = 0;
  private tt: Uint32Array = new Uint32Array(0);
  private streams = 0;
  private blockIndex = 0;
  private streamCrc = 0;
  private expectedCrc = 0;
  private crc = 0;
  private tPos = 0;
  private left = 0;
  private last = -1;
  private run = 0;
  private repeat = 0;
  /** Total decompressed bytes produced so far. */
  totalOut = 0;

  constructor(opts: Partial<Bunzip2Options> = {}) {
    this.opts = { ...DEFAULT_BUNZIP2_OPTIONS, ...opts };
  }

  /** Adds compressed input. */
  push(chunk: Uint8Array): void {
    if (this.eof) throw new Error('Bunzip2Decoder.push after end()');
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  /** Signals that no more input will come. */
  end(): void {
    this.eof = true;
  }

  /** True once every stream was decoded and checked. */
  get done(): boolean {
    return this.state === 'done';
  }

  private ensure(n: number): boolean {
    const st = this.st;
    const have = st.buf.length - st.pos;
    if (have >= n) return true;
    if (have + this.pendingBytes < n && !this.eof) return false;
    const buf = new Uint8Array(have + this.pendingBytes);
    buf.set(st.buf.subarray(st.pos));
    let o = have;
    for (const c of this.pending) { buf.set(c, o); o += c.length; }
    st.base += st.pos;
    st.buf = buf;
    st.pos = 0;
    this.pending = [];
    this.pendingBytes = 0;
    return true;
  }

  /** Returns the next output chunk, or null when more input is needed (or all is done). */
  read(): Uint8Array | null {
    for (;;) {
      if (this.state === 'done') return null;
      if (this.state === 'stream') {
        if (!this.ensure(4)) return null;
        if (!this.startStream()) return null;
      } else if (this.state === 'block') {
        if (!this.ensure(Math.ceil((this.level * 100000 + 1) * 20 / 8) + 40000)) return null;
        this.startBlock();
      } else {
        const out = new Uint8Array(this.opts.chunkSize);
        const n = this.fill(out);
        if (this.left === 0 && this.repeat === 0) this.finishBlock();
        if (n > 0) {
          this.totalOut += n;
          if (this.totalOut > this.opts.maxOutputBytes) {
            throw new Bzip2Error(`output exceeds the limit of ${this.opts.maxOutputBytes} bytes (possible decompression bomb)`, this.st.base + this.st.pos, this.blockIndex);
          }
          return n === out.length ? out : out.subarray(0, n);
        }
      }
    }
  }

  private startStream(): boolean {
    const st = this.st;
    const b = st.buf;
    const p = st.pos;
    const have = b.length - p;
    if (have === 0 && this.streams > 0) { this.state = 'done'; return false; }
    if (have >= 4 && b[p] === 0x42 && b[p + 1] === 0x5a && b[p + 2] === 0x68 && b[p + 3] >= 0x31 && b[p + 3] <= 0x39) {
      this.level = b[p + 3] - 0x30;
      if (this.tt.length !== this.level * 100000) this.tt = new Uint32Array(this.level * 100000);
      st.pos += 4;
      st.bitCount = 0;
      this.streamCrc = 0;
      this.state = 'block';
      return true;
    }
    if (this.streams === 0) throw new Bzip2Error(have === 0 ? 'empty input' : 'not a bzip2 stream (missing "BZh1".."BZh9" header)', st.base + p);
    if (this.opts.trailingGarbage === 'ignore') { this.state = 'done'; return false; }
    throw new Bzip2Error(`${have} bytes of trailing garbage after the end of bzip2 stream ${this.streams}`, st.base + p);
  }

  private startBlock(): void {
    const st = this.st;
    const at = st.base + st.pos;
    const hi = readBits(st, 24, this.blockIndex);
    const lo = readBits(st, 24, this.blockIndex);
    const crc = readUint32(st, this.blockIndex);
    if (hi === 0x314159 && lo === 0x265359) {
      const { tPos, nblock } = decodeBlock(st, this.tt, this.level * 100000, this.blockIndex);
      this.expectedCrc = crc;
      this.crc = -1;
      this.tPos = tPos;
      this.left = nblock;
      this.last = -1;
      this.run = 0;
      this.repeat = 0;
      this.state = 'emit';
    } else if (hi === 0x177245 && lo === 0x385090) {
      if (crc !== this.streamCrc) {
        throw new Bzip2Error(`stream CRC mismatch (stored 0x${crc.toString(16)}, computed 0x${this.streamCrc.toString(16)})`, at);
      }
      alignToByte(st);
      this.streams++;
      this.state = 'stream';
    } else {
      throw new Bzip2Error('bad block header magic (corrupt data)', at, this.blockIndex);
    }
  }

  private finishBlock(): void {
    const crc = ~this.crc >>> 0;
    if (crc !== this.expectedCrc) {
      throw new Bzip2Error(`block CRC mismatch (stored 0x${this.expectedCrc.toString(16)}, computed 0x${crc.toString(16)}): data corrupt`, this.st.base + this.st.pos, this.blockIndex);
    }
    this.streamCrc = bz2CombineCrc(this.streamCrc, crc);
    this.blockIndex++;
    this.state = 'block';
  }

  /** Inverse BWT walk + RLE1 expansion into `out`; returns bytes written. */
  private fill(out: Uint8Array): number {
    const T = BZ2_CRC_TABLE;
    const tt = this.tt;
    const n = out.length;
    let { tPos, left, last, run, repeat, crc } = this;
    let op = 0;
    while (op < n) {
      if (repeat > 0) {
        const k = Math.min(repeat, n - op);
        out.fill(last, op, op + k);
        for (let i = 0; i < k; i++) crc = (crc << 8) ^ T[((crc >>> 24) ^ last) & 0xff];
        op += k;
        repeat -= k;
        continue;
      }
      if (left === 0) break;
      tPos = tt[tPos];
      const ch = tPos & 0xff;
      tPos >>>= 8;
      left--;
      if (run === 4) { repeat = ch; run = 0; continue; }
      if (ch === last) run++;
      else { last = ch; run = 1; }
      out[op++] = ch;
      crc = (crc << 8) ^ T[(crc >>> 24) ^ ch];
    }
    Object.assign(this, { tPos, left, last, run, repeat, crc });
    return op;
  }
}

/** Decompresses a whole bzip2 buffer (all concatenated streams) at once. */
export function bunzip2Sync(data: Uint8Array, opts: Partial<Bunzip2Options> = {}): Uint8Array {
  const dec = new Bunzip2Decoder(opts);
  dec.push(data);
  dec.end();
  const parts: Uint8Array[] = [];
  for (let c = dec.read(); c !== null; c = dec.read()) parts.push(c);
  const out = new Uint8Array(dec.totalOut);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/**
 * Streaming decompression: yields decompressed chunks as compressed chunks arrive from `source`.
 * Errors (bad CRC, truncation, bombs) are Bzip2Error with the compressed byte offset.
 */
export async function* bunzip2(
  source: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  opts: Partial<Bunzip2Options> = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const dec = new Bunzip2Decoder(opts);
  const input = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of input) {
    dec.push(chunk);
    for (let c = dec.read(); c !== null; c = dec.read()) yield c;
  }
  dec.end();
  for (let c = dec.read(); c !== null; c = dec.read()) yield c;
}
