/**
 * Reads a hyperslab of a netCDF-3 variable with few, bounded reads: contiguous runs are found,
 * runs separated by small gaps are fetched with one read (at most {@link MAX_SPAN} bytes), and
 * big-endian values are byte-swapped in place.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Hyperslab } from '../hyperslab.js';
import { TensorIOError } from '../../formats/errors.js';

/** Largest span read at once when gathering several runs. */
export const MAX_SPAN = 1 << 20;
const MAX_GAP = 1 << 16;

/** Where a variable's elements live: offset of element `idx` = base + idx[0]*outerStride + C-offset(idx[1:]) * size. */
export interface SlabLayout {
  begin: number;
  shape: number[];
  elemSize: number;
  /** Bytes between consecutive records for record variables (undefined for fixed-size variables). */
  recordStride?: number;
}

/**
 * Fills `out` (C-order big-endian bytes of the selection) from the file and returns it.
 * `fileSize` bounds every read; reading past it throws with the offending offset.
 */
export async function readSlab(fh: FileHandle, fileSize: number, layout: SlabLayout, sel: Hyperslab, out: Uint8Array): Promise<Uint8Array> {
  const { shape, elemSize: es } = layout;
  const rank = shape.length;
  const total = sel.count.reduce((a, b) => a * b, 1);
  if (total === 0) return out;
  // Byte strides per dimension (the record dimension jumps over the other record variables).
  const strides = new Array<number>(rank).fill(es);
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  const gapped = layout.recordStride !== undefined && rank > 0 && layout.recordStride !== strides[0];
  if (layout.recordStride !== undefined && rank > 0) strides[0] = layout.recordStride;
  // Innermost dims that are fully and contiguously selected merge into one run; `outer` dims iterate.
  let outer = rank;
  let runElems = 1;
  if (rank > 0 && sel.stride[rank - 1] === 1 && !(gapped && rank === 1)) {
    let k = rank - 1;
    runElems = sel.count[k]!;
    while (k > 0 && sel.count[k] === shape[k] && sel.stride[k - 1] === 1 && !(gapped && k - 1 === 0)) {
      k--;
      runElems *= sel.count[k]!;
    }
    outer = k;
  }
  const runBytes = runElems * es;
  const idx = new Array<number>(outer).fill(0);
  const nRuns = total / runElems;

  let groupStart = -1;
  let groupEnd = -1;
  const groupFile: number[] = [];
  const groupOut: number[] = [];
  const flush = async (): Promise<void> => {
    if (groupStart < 0) return;
    const span = groupEnd - groupStart;
    if (groupEnd > fileSize) throw dataError(`data at offset ${groupStart}..${groupEnd} lies beyond the end of the file (${fileSize} bytes): file truncated?`, groupStart);
    if (groupFile.length === 1) {
      await readFully(fh, out, groupOut[0]!, span, groupStart);
    } else {
      const tmp = new Uint8Array(span);
      await readFully(fh, tmp, 0, span, groupStart);
      for (let i = 0; i < groupFile.length; i++) {
        const s = groupFile[i]! - groupStart;
        out.set(tmp.subarray(s, s + runBytes), groupOut[i]!);
      }
    }
    groupStart = -1; groupFile.length = 0; groupOut.length = 0;
  };
  const startOff = layout.begin + sel.start.reduce((a, s, i) => a + s * strides[i]!, 0);
  for (let r = 0; r < nRuns; r++) {
    let off = startOff;
    for (let d = 0; d < outer; d++) off += idx[d]! * sel.stride[d]! * strides[d]!;
    const outOff = r * runBytes;
    if (groupStart >= 0 && (off - groupEnd > MAX_GAP || off + runBytes - groupStart > MAX_SPAN || off < groupEnd)) await flush();
    if (groupStart < 0) groupStart = off;
    groupEnd = off + runBytes;
    groupFile.push(off); groupOut.push(outOff);
    for (let d = outer - 1; d >= 0; d--) {
      if (++idx[d]! < sel.count[d]!) break;
      idx[d] = 0;
    }
  }
  await flush();
  return out;
}

async function readFully(fh: FileHandle, buf: Uint8Array, at: number, len: number, pos: number): Promise<void> {
  let done = 0;
  while (done < len) {
    const { bytesRead } = await fh.read(buf, at + done, len - done, pos + done);
    if (bytesRead === 0) throw dataError(`unexpected end of file at offset ${pos + done}`, pos + done);
    done += bytesRead;
  }
}

/** Swaps big-endian values of `size` bytes in place (no-op for 1-byte types). */
export function swapInPlace(bytes: Uint8Array, size: number): void {
  if (size === 2) {
    for (let i = 0; i + 1 < bytes.length; i += 2) { const a = bytes[i]!; bytes[i] = bytes[i + 1]!; bytes[i + 1] = a; }
  } else if (size === 4) {
    for (let i = 0; i + 3 < bytes.length; i += 4) {
      const a = bytes[i]!; const b = bytes[i + 1]!;
      bytes[i] = bytes[i + 3]!; bytes[i + 1] = bytes[i + 2]!; bytes[i + 2] = b; bytes[i + 3] = a;
    }
  } else if (size === 8) {
    for (let i = 0; i + 7 < bytes.length; i += 8) {
      for (let j = 0; j < 4; j++) { const a = bytes[i + j]!; bytes[i + j] = bytes[i + 7 - j]!; bytes[i + 7 - j] = a; }
    }
  }
}

/** Missing data at byte `offset` (the caller adds the file and variable). */
function dataError(message: string, offset: number): TensorIOError {
  return new TensorIOError(message, { offset }, { message });
}
