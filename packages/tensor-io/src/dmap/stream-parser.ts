import { DmapError, type DmapRecord } from './types.js';
import { checkHeader, DmapFault, DMAP_HEADER_BYTES, parseRecord } from './parse-record.js';

/** What a lax read skipped: the record position, where the bad bytes start, how many, and why. */
export interface DmapSkipped {
  /** Position the bad record takes in the file (good and skipped records before it are counted). */
  index: number;
  /** Byte offset (in the decompressed stream) where the unreadable bytes start. */
  offset: number;
  /** Number of bytes skipped. */
  length: number;
  /** Why the first record there could not be read. */
  reason: string;
}

/** Options of the DMAP readers. */
export interface DmapReadOptions {
  /** 'strict' throws at the first corrupt record; 'lax' skips it, resynchronises and reports it. */
  mode: 'strict' | 'lax';
  /** Largest record accepted (a corrupt size field beyond this is corruption, not an allocation). */
  maxRecordBytes: number;
  /** Largest decoded stream accepted (guards against decompression bombs). */
  maxTotalBytes: number;
  /** Name used in error messages (defaults to the path, `<buffer>` or `<stream>`). */
  name?: string;
  /** Called for every skipped region in lax mode. */
  onSkip?: (s: DmapSkipped) => void;
}

/** Defaults: strict, records up to 64 MiB, streams up to 16 GiB decoded. */
export const DEFAULT_DMAP_READ_OPTIONS: DmapReadOptions = {
  mode: 'strict',
  maxRecordBytes: 64 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
};

/**
 * Push/pull DMAP record parser over a decoded byte stream. It buffers at most one record (plus
 * the unread tail of the last chunk); records are parsed in place when they lie in one chunk.
 */
export class DmapStreamParser {
  private readonly opts: DmapReadOptions;
  private readonly name: string;
  private buf: Uint8Array = new Uint8Array(0);
  private dv: DataView = new DataView(this.buf.buffer);
  private pos = 0;
  private base = 0;
  private pending: Uint8Array[] = [];
  private pendingLen = 0;
  private eof = false;
  private done = false;
  private badFrom = -1;
  private badReason = '';
  /** Total bytes pushed so far. */
  total = 0;
  /** Index the next record will get. */
  index = 0;
  /** Everything skipped so far (lax mode). */
  readonly skipped: DmapSkipped[] = [];

  constructor(opts: Partial<DmapReadOptions> = {}, name = '<stream>') {
    this.opts = { ...DEFAULT_DMAP_READ_OPTIONS, ...opts };
    this.name = this.opts.name ?? name;
  }

  /** Stream offset of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** True once every pushed byte was consumed after end(). */
  get finished(): boolean {
    return this.done;
  }

  /** Adds decoded bytes. Throws DmapError when maxTotalBytes is exceeded. */
  push(chunk: Uint8Array): void {
    this.total += chunk.length;
    if (this.total > this.opts.maxTotalBytes) {
      throw new DmapError(this.name, this.index, this.total, `decoded data exceeds maxTotalBytes=${this.opts.maxTotalBytes} (possible decompression bomb); raise the limit to read it`);
    }
    if (chunk.length) { this.pending.push(chunk); this.pendingLen += chunk.length; }
  }

  /** Marks the end of input. */
  end(): void {
    this.eof = true;
  }

  /** Records a skip in lax mode (throws in strict mode). */
  skip(s: DmapSkipped): void {
    this.skipped.push(s);
    this.opts.onSkip?.(s);
  }

  private have(need: number): boolean {
    const left = this.buf.length - this.pos;
    if (left >= need) return true;
    if (left + this.pendingLen < need) return false;
    let next: Uint8Array;
    if (left === 0 && this.pending.length === 1) next = this.pending[0];
    else {
      next = new Uint8Array(left + this.pendingLen);
      next.set(this.buf.subarray(this.pos));
      let o = left;
      for (const c of this.pending) { next.set(c, o); o += c.length; }
    }
    this.base += this.pos;
    this.pos = 0;
    this.buf = next;
    this.dv = new DataView(next.buffer, next.byteOffset, next.byteLength);
    this.pending = [];
    this.pendingLen = 0;
    return true;
  }

  private fault(at: number, reason: string, field?: string): void {
    const recStart = this.base + this.pos;
    if (this.opts.mode === 'strict') {
      throw new DmapError(this.name, this.index, this.base + at, at > this.pos ? `${reason} (record starts at byte ${recStart})` : reason, field);
    }
    if (this.badFrom < 0) {
      this.badFrom = recStart;
      this.badReason = `${field ? `field "${field}": ` : ''}${reason} (at byte ${this.base + at})`;
    }
    // Resynchronise on the next RST record code 01 00 01 00.
    const b = this.buf;
    for (let q = this.pos + 1; q + 4 <= b.length; q++) {
      if (b[q] === 1 && b[q + 1] === 0 && b[q + 2] === 1 && b[q + 3] === 0) { this.pos = q; return; }
    }
    this.pos = Math.max(this.pos + 1, b.length - 3);
  }

  private closeBad(until: number): void {
    if (this.badFrom < 0) return;
    this.skip({ index: this.index++, offset: this.badFrom, length: until - this.badFrom, reason: this.badReason });
    this.badFrom = -1;
  }

  /** Next record, or null when more input is needed (or, after end(), when finished). */
  next(): DmapRecord | null {
    for (;;) {
      if (this.done) return null;
      if (!this.have(DMAP_HEADER_BYTES)) {
        if (!this.eof) return null;
        this.have(this.buf.length - this.pos + this.pendingLen);
        const left = this.buf.length - this.pos;
        if (left > 0 && this.badFrom < 0) this.fault(this.pos, `truncated data: ${left} bytes at the end are too short for a record header`);
        this.closeBad(this.base + this.buf.length);
        this.pos = this.buf.length;
        this.done = true;
        return null;
      }
      const size = checkHeader(this.dv, this.pos, this.opts.maxRecordBytes);
      if (typeof size === 'string') { this.fault(this.pos, size); continue; }
      if (!this.have(size)) {
        if (!this.eof) return null;
        this.have(this.buf.length - this.pos + this.pendingLen);
        this.fault(this.pos, `truncated record: header declares ${size} bytes but only ${this.buf.length - this.pos} remain`);
        continue;
      }
      let rec: DmapRecord;
      try {
        rec = parseRecord(this.buf, this.dv, this.pos);
      } catch (e) {
        if (!(e instanceof DmapFault)) throw e;
        this.fault(e.at, e.reason, e.field);
        continue;
      }
      this.closeBad(this.base + this.pos);
      rec.index = this.index++;
      rec.offset = this.base + this.pos;
      this.pos += size;
      return rec;
    }
  }
}
