/**
 * Canonical Huffman codes as bzip2 uses them: lengths 1..20, codes assigned in order of length,
 * then symbol index. Decoding uses a 10-bit lookup table plus a limit search for longer codes;
 * encoding builds length-limited code lengths from symbol frequencies.
 */

/** Bits resolved by the primary decode lookup table. */
export const LUT_BITS = 10;
/** Longest code length bzip2 allows in a stream. */
export const MAX_CODE_LEN = 20;

/** Decode tables for one Huffman group. */
export interface HuffmanDecoder {
  /** lut[peek10] = (symbol << 5) | length, or 0 when the code is longer than LUT_BITS. */
  lut: Uint32Array;
  /** limit[len] = largest code of that length (−1 when none). */
  limit: Int32Array;
  /** base[len] = first code of that length minus its first index in `perm`. */
  base: Int32Array;
  /** Symbols ordered by (length, symbol). */
  perm: Uint16Array;
  maxLen: number;
}

/**
 * Builds decode tables from code lengths. Returns an error message (not a throw) when the lengths
 * over-subscribe the code space, so the caller can name the offset.
 */
export function buildDecoder(lengths: Uint8Array, alphaSize: number): HuffmanDecoder | string {
  const count = new Int32Array(MAX_CODE_LEN + 2);
  let maxLen = 0;
  let kraft = 0;
  for (let i = 0; i < alphaSize; i++) {
    const l = lengths[i];
    count[l]++;
    if (l > maxLen) maxLen = l;
    kraft += 1 << (MAX_CODE_LEN - l);
  }
  if (kraft > 1 << MAX_CODE_LEN) return 'Huffman code lengths over-subscribe the code space';
  const perm = new Uint16Array(alphaSize);
  const limit = new Int32Array(MAX_CODE_LEN + 2).fill(-1);
  const base = new Int32Array(MAX_CODE_LEN + 2);
  const lut = new Uint32Array(1 << LUT_BITS);
  let code = 0;
  let idx = 0;
  for (let len = 1; len <= maxLen; len++) {
    base[len] = code - idx;
    for (let s = 0; s < alphaSize; s++) {
      if (lengths[s] !== len) continue;
      perm[idx++] = s;
      if (len <= LUT_BITS) {
        const from = code << (LUT_BITS - len);
        lut.fill((s << 5) | len, from, from + (1 << (LUT_BITS - len)));
      }
      code++;
    }
    limit[len] = code - 1;
    code <<= 1;
  }
  return { lut, limit, base, perm, maxLen };
}

/**
 * Code lengths (≤ maxLen) for the given frequencies: a Huffman tree built with a heap; when it is
 * too deep, frequencies are flattened (as bzip2 does) and the tree rebuilt.
 */
export function buildCodeLengths(freq: ArrayLike<number>, alphaSize: number, maxLen: number, out: Uint8Array): void {
  const w = new Float64Array(alphaSize);
  for (let i = 0; i < alphaSize; i++) w[i] = Math.max(1, freq[i]) * 256;
  const parent = new Int32Array(alphaSize * 2);
  const weight = new Float64Array(alphaSize * 2);
  const heap = new Int32Array(alphaSize * 2 + 1);
  for (;;) {
    let nNodes = alphaSize;
    let hn = 0;
    const up = (k: number): void => {
      const v = heap[k];
      while (k > 1 && weight[heap[k >> 1]] > weight[v]) { heap[k] = heap[k >> 1]; k >>= 1; }
      heap[k] = v;
    };
    const down = (k: number): void => {
      const v = heap[k];
      for (;;) {
        let c = k << 1;
        if (c > hn) break;
        if (c < hn && weight[heap[c + 1]] < weight[heap[c]]) c++;
        if (weight[v] <= weight[heap[c]]) break;
        heap[k] = heap[c];
        k = c;
      }
      heap[k] = v;
    };
    for (let i = 0; i < alphaSize; i++) { weight[i] = w[i]; parent[i] = -1; heap[++hn] = i; up(hn); }
    while (hn > 1) {
      const a = heap[1]; heap[1] = heap[hn--]; down(1);
      const b = heap[1]; heap[1] = heap[hn--]; down(1);
      const n = nNodes++;
      weight[n] = weight[a] + weight[b];
      parent[n] = -1;
      parent[a] = n; parent[b] = n;
      heap[++hn] = n; up(hn);
    }
    let tooLong = false;
    for (let i = 0; i < alphaSize; i++) {
      let d = 0;
      for (let k = i; parent[k] >= 0; k = parent[k]) d++;
      out[i] = d;
      if (d > maxLen) tooLong = true;
    }
    if (!tooLong) return;
    for (let i = 0; i < alphaSize; i++) w[i] = (1 + Math.floor(w[i] / 512)) * 256;
  }
}

/** Canonical codes for the given lengths (same assignment the decoder uses). */
export function assignCodes(lengths: Uint8Array, alphaSize: number, codes: Int32Array): void {
  let code = 0;
  for (let len = 1; len <= MAX_CODE_LEN; len++) {
    for (let s = 0; s < alphaSize; s++) if (lengths[s] === len) codes[s] = code++;
    code <<= 1;
  }
}
