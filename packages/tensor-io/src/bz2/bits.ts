import { Bzip2Error } from './crc.js';

/**
 * MSB-first bit reader state over one contiguous buffer. `bitBuf` holds `bitCount` (≤ 31) unread
 * bits in its low bits; `base` is the absolute offset of `buf[0]` in the compressed input, so
 * errors can name a byte offset.
 */
export interface BitState {
  buf: Uint8Array;
  pos: number;
  bitBuf: number;
  bitCount: number;
  base: number;
}

/** A fresh reader state at the start of `buf`. */
export function bitState(buf: Uint8Array, base = 0): BitState {
  return { buf, pos: 0, bitBuf: 0, bitCount: 0, base };
}

/** Absolute byte offset of the next unread bit (rounded down). */
export function bitOffset(st: BitState): number {
  return st.base + st.pos - (st.bitCount >> 3);
}

/** Reads `n` ≤ 24 bits; throws a truncation error naming the offset when input runs out. */
export function readBits(st: BitState, n: number, block = -1): number {
  while (st.bitCount < n) {
    if (st.pos >= st.buf.length) throw new Bzip2Error('unexpected end of input (truncated file)', st.base + st.pos, block);
    st.bitBuf = (st.bitBuf << 8) | st.buf[st.pos++];
    st.bitCount += 8;
  }
  st.bitCount -= n;
  return (st.bitBuf >>> st.bitCount) & ((1 << n) - 1);
}

/** Reads a 32-bit big-endian unsigned value. */
export function readUint32(st: BitState, block = -1): number {
  const hi = readBits(st, 16, block);
  return ((hi << 16) | readBits(st, 16, block)) >>> 0;
}

/** Drops bits up to the next byte boundary and gives whole buffered bytes back to `pos`. */
export function alignToByte(st: BitState): void {
  st.bitCount -= st.bitCount & 7;
  st.pos -= st.bitCount >> 3;
  st.bitCount = 0;
  st.bitBuf = 0;
}

/** MSB-first bit writer into a growable byte buffer. */
export class BitWriter {
  private buf: Uint8Array;
  private len = 0;
  private acc = 0;
  private n = 0;
  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
  }
  private grow(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + extra));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  /** Writes the low `n` ≤ 24 bits of `v`. */
  write(n: number, v: number): void {
    this.acc = (this.acc << n) | (v & ((1 << n) - 1));
    this.n += n;
    if (this.n >= 8) {
      this.grow(4);
      while (this.n >= 8) {
        this.n -= 8;
        this.buf[this.len++] = (this.acc >>> this.n) & 0xff;
      }
    }
  }
  /** Writes a 32-bit value big-endian. */
  write32(v: number): void {
    this.write(16, (v >>> 16) & 0xffff);
    this.write(16, v & 0xffff);
  }
  /** Pads with zero bits to a byte boundary. */
  flushByte(): void {
    if (this.n > 0) this.write(8 - this.n, 0);
  }
  /** Removes and returns the complete bytes written so far (the partial byte stays). */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }
}
