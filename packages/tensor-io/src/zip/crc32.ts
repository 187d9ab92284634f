import * as zlib from 'node:zlib';

/** CRC-32 (IEEE 802.3, as used by zip and gzip): node's native `zlib.crc32` when present (Node >= 20.15), else slicing-by-4 tables built on first use. */
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let tables: Uint32Array[] | undefined;

function build(): Uint32Array[] {
  const t0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t0[n] = c >>> 0;
  }
  const ts = [t0];
  for (let k = 1; k < 4; k++) {
    const prev = ts[k - 1]!;
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n++) t[n] = (prev[n]! >>> 8) ^ t0[prev[n]! & 0xff]!;
    ts.push(t);
  }
  return ts;
}

/** CRC-32 of `data`, continuing from `crc` (0 to start). */
export function crc32(data: Uint8Array, crc = 0): number {
  return native ? native(data, crc) : crc32js(data, crc);
}

/** Pure-JS CRC-32 (the fallback of {@link crc32}; exported for tests). */
export function crc32js(data: Uint8Array, crc = 0): number {
  const [t0, t1, t2, t3] = (tables ??= build()) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = ~crc >>> 0;
  let i = 0;
  const n = data.length;
  for (; i + 4 <= n; i += 4) {
    c ^= data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    c = t3[c & 0xff]! ^ t2[(c >>> 8) & 0xff]! ^ t1[(c >>> 16) & 0xff]! ^ t0[c >>> 24]!;
  }
  for (; i < n; i++) c = t0[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
