import { Bzip2Error } from './crc.js';
import { type BitState, readBits } from './bits.js';
import { buildDecoder, LUT_BITS, MAX_CODE_LEN } from './huffman.js';

/** Most selectors a decoder keeps (bzip2 ≥ 1.0.8 reads and ignores any beyond this). */
const MAX_SELECTORS = 18002;
const GROUP_SIZE = 50;

/**
 * Decodes one block body (after the 48-bit block magic and 32-bit CRC): symbol map, Huffman
 * tables, MTF/RLE2 symbols, then prepares `tt` for the inverse BWT (low byte = symbol, high 24
 * bits = next index). Returns the start index and length of the BWT chain.
 */
export function decodeBlock(st: BitState, tt: Uint32Array, maxBlock: number, block: number): { tPos: number; nblock: number } {
  const fail = (msg: string): never => { throw new Bzip2Error(msg, st.base + st.pos, block); };
  if (readBits(st, 1, block)) fail('randomised blocks (written by bzip2 < 0.9.5) are not supported');
  const origPtr = readBits(st, 24, block);

  // Symbol map: which byte values occur in the block.
  const seqToUnseq = new Uint8Array(256);
  let nInUse = 0;
  const inUse16 = readBits(st, 16, block);
  for (let i = 0; i < 16; i++) {
    if (!(inUse16 & (0x8000 >>> i))) continue;
    const bits = readBits(st, 16, block);
    for (let j = 0; j < 16; j++) if (bits & (0x8000 >>> j)) seqToUnseq[nInUse++] = i * 16 + j;
  }
  if (nInUse === 0) fail('block uses no symbols');
  const alphaSize = nInUse + 2;

  const nGroups = readBits(st, 3, block);
  if (nGroups < 2 || nGroups > 6) fail(`invalid number of Huffman groups ${nGroups}`);
  const nSelectorsRaw = readBits(st, 15, block);
  if (nSelectorsRaw < 1) fail('block has no selectors');
  const nSelectors = Math.min(nSelectorsRaw, MAX_SELECTORS);
  const selectors = new Uint8Array(nSelectors);
  const mtfGroups = [0, 1, 2, 3, 4, 5];
  for (let i = 0; i < nSelectorsRaw; i++) {
    let j = 0;
    while (readBits(st, 1, block)) if (++j >= nGroups) fail('selector index out of range');
    if (i >= nSelectors) continue;
    const v = mtfGroups[j];
    for (; j > 0; j--) mtfGroups[j] = mtfGroups[j - 1];
    mtfGroups[0] = v;
    selectors[i] = v;
  }

  const luts = new Uint32Array(nGroups << LUT_BITS);
  const limits = new Int32Array(nGroups * (MAX_CODE_LEN + 2));
  const bases = new Int32Array(nGroups * (MAX_CODE_LEN + 2));
  const perms = new Uint16Array(nGroups * alphaSize);
  const maxLens = new Int32Array(nGroups);
  const lengths = new Uint8Array(alphaSize);
  for (let t = 0; t < nGroups; t++) {
    let curr = readBits(st, 5, block);
    for (let i = 0; i < alphaSize; i++) {
      for (;;) {
        if (curr < 1 || curr > MAX_CODE_LEN) fail(`Huffman code length ${curr} out of range 1..20`);
        if (!readBits(st, 1, block)) break;
        curr += readBits(st, 1, block) ? -1 : 1;
      }
      lengths[i] = curr;
    }
    const dec = buildDecoder(lengths, alphaSize);
    if (typeof dec === 'string') return fail(dec);
    luts.set(dec.lut, t << LUT_BITS);
    limits.set(dec.limit, t * (MAX_CODE_LEN + 2));
    bases.set(dec.base, t * (MAX_CODE_LEN + 2));
    perms.set(dec.perm, t * alphaSize);
    maxLens[t] = dec.maxLen;
  }

  // MTF + RLE2 symbol decoding (hot loop: bit state kept in locals).
  const buf = st.buf;
  const end = buf.length;
  let pos = st.pos;
  let bitBuf = st.bitBuf;
  let bitCount = st.bitCount;
  /** Errors inside the hot loop: reading past the real end takes precedence over other causes. */
  const bad = (msg: string, p: number, bits: number): never => {
    st.pos = Math.min(p, end);
    return fail(p > end && (p - end) * 8 > bits ? 'unexpected end of input (truncated file)' : msg);
  };
  const mtf = new Uint8Array(256);
  for (let i = 0; i < 256; i++) mtf[i] = i;
  const counts = new Int32Array(256);
  const EOB = nInUse + 1;
  let nblock = 0;
  let runLen = 0;
  let runWeight = 1;
  let groupNo = -1;
  let groupLeft = 0;
  let lutOff = 0;
  let limOff = 0;
  let permOff = 0;
  let maxLen = 0;
  for (;;) {
    if (groupLeft === 0) {
      if (pos > end && (pos - end) * 8 > bitCount) bad('', pos, bitCount);
      if (++groupNo >= nSelectors) bad('block data runs past its selectors', pos, bitCount);
      const g = selectors[groupNo];
      lutOff = g << LUT_BITS;
      limOff = g * (MAX_CODE_LEN + 2);
      permOff = g * alphaSize;
      maxLen = maxLens[g];
      groupLeft = GROUP_SIZE;
    }
    groupLeft--;
    while (bitCount < 24) {
      bitBuf = (bitBuf << 8) | (pos < end ? buf[pos] : 0);
      pos++;
      bitCount += 8;
    }
    const peek = (bitBuf >>> (bitCount - MAX_CODE_LEN)) & 0xfffff;
    const e = luts[lutOff + (peek >>> (MAX_CODE_LEN - LUT_BITS))];
    let sym: number;
    if (e !== 0) {
      bitCount -= e & 31;
      sym = e >>> 5;
    } else {
      let len = LUT_BITS + 1;
      while (len <= maxLen && peek >>> (MAX_CODE_LEN - len) > limits[limOff + len]) len++;
      const idx = len <= maxLen ? (peek >>> (MAX_CODE_LEN - len)) - bases[limOff + len] : -1;
      if (idx < 0 || idx >= alphaSize) bad('invalid Huffman code', pos, bitCount);
      bitCount -= len;
      sym = perms[permOff + idx];
    }
    if (sym <= 1) {
      runLen += runWeight << sym;
      runWeight <<= 1;
      if (runWeight > 1 << 21) bad('run length too large', pos, bitCount);
      continue;
    }
    if (runLen > 0) {
      if (nblock + runLen > maxBlock) bad(`block longer than its declared size ${maxBlock}`, pos, bitCount);
      const uc = seqToUnseq[mtf[0]];
      counts[uc] += runLen;
      tt.fill(uc, nblock, nblock + runLen);
      nblock += runLen;
      runLen = 0;
      runWeight = 1;
    }
    if (sym === EOB) break;
    if (nblock >= maxBlock) bad(`block longer than its declared size ${maxBlock}`, pos, bitCount);
    let nn = sym - 1;
    const v = mtf[nn];
    if (nn < 16) { for (; nn > 0; nn--) mtf[nn] = mtf[nn - 1]; } else mtf.copyWithin(1, 0, nn);
    mtf[0] = v;
    const uc = seqToUnseq[v];
    counts[uc]++;
    tt[nblock++] = uc;
  }
  if (pos > end && (pos - end) * 8 > bitCount) bad('', pos, bitCount);
  // Give whole unread bytes back so no padding byte is ever read as data.
  const back = bitCount >> 3;
  pos -= back;
  bitCount -= back << 3;
  bitBuf = back >= 4 ? 0 : bitBuf >>> (back << 3);
  st.pos = pos;
  st.bitBuf = bitBuf;
  st.bitCount = bitCount;
  if (origPtr >= nblock) fail(`BWT origin pointer ${origPtr} outside block of ${nblock} bytes`);

  // Inverse BWT: link every position to its successor.
  const cftab = new Int32Array(256);
  for (let i = 0, sum = 0; i < 256; i++) { cftab[i] = sum; sum += counts[i]; }
  for (let i = 0; i < nblock; i++) {
    const uc = tt[i] & 0xff;
    tt[cftab[uc]++] |= i << 8;
  }
  return { tPos: tt[origPtr] >>> 8, nblock };
}
