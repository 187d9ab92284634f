/**
 * Byte-level helpers shared by the readers: copying a strided view (offset + strides in elements)
 * into a dense C-order buffer, and swapping byte order.
 */

type UIntArray = Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

function viewAs(bytes: Uint8Array, itemSize: number): UIntArray {
  let b = bytes;
  if (b.byteOffset % itemSize !== 0) b = b.slice();
  const n = Math.floor(b.byteLength / itemSize);
  switch (itemSize) {
    case 1: return b;
    case 2: return new Uint16Array(b.buffer, b.byteOffset, n);
    case 4: return new Uint32Array(b.buffer, b.byteOffset, n);
    case 8: return new BigUint64Array(b.buffer, b.byteOffset, n);
    default: throw new RangeError(`unsupported item size ${itemSize}`);
  }
}

/** Number of storage elements a strided view touches past its offset (0 for an empty view). */
export function stridedExtent(shape: readonly number[], strides: readonly number[]): number {
  let hi = 0;
  for (let i = 0; i < shape.length; i++) {
    if (shape[i] === 0) return 0;
    hi += (shape[i]! - 1) * strides[i]!;
  }
  return hi + 1;
}

/** C-order (row-major) strides, in elements, of a dense tensor of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { s[i] = acc; acc *= shape[i]!; }
  return s;
}

/**
 * Copies the elements of a strided view of `bytes` (element size `itemSize`, element `offset`,
 * element `strides`, all non-negative) into a new dense C-order byte buffer. The caller checks
 * bounds (see {@link stridedExtent}).
 */
export function gatherStrided(
  bytes: Uint8Array, itemSize: number, shape: readonly number[], strides: readonly number[], offset: number,
): Uint8Array {
  let n = 1;
  for (const d of shape) n *= d;
  const out = new Uint8Array(n * itemSize);
  if (n === 0) return out;
  const src = viewAs(bytes, itemSize);
  const dst = viewAs(out, itemSize);
  const nd = shape.length;
  if (nd === 0) { dst[0] = src[offset]!; return out; }
  const last = shape[nd - 1]!;
  const lastStride = strides[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let base = offset;
  let o = 0;
  while (o < n) {
    if (lastStride === 1) {
      // Both views are of the same unsigned type, so set() is a plain copy.
      (dst as Uint8Array).set((src as Uint8Array).subarray(base, base + last), o);
      o += last;
    } else {
      for (let j = 0, p = base; j < last; j++, p += lastStride) dst[o++] = src[p]!;
    }
    // Advance the multi-index over every dimension but the last.
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]!++;
      base += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      base -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
    if (d < 0) break;
  }
  return out;
}

/** A copy of `bytes` with every `itemSize`-byte element reversed (big ↔ little endian). */
export function swapBytes(bytes: Uint8Array, itemSize: number): Uint8Array {
  const out = new Uint8Array(bytes.byteLength);
  if (itemSize === 1) { out.set(bytes); return out; }
  for (let i = 0; i < bytes.byteLength; i += itemSize) {
    for (let k = 0; k < itemSize; k++) out[i + k] = bytes[i + itemSize - 1 - k]!;
  }
  return out;
}
