import { type BitWriter } from './bits.js';
import { sortRotations } from './bwt.js';
import { assignCodes, buildCodeLengths } from './huffman.js';

const GROUP_SIZE = 50;
const MAX_ENCODE_LEN = 17;
const ITERATIONS = 4;

/** MTF + RLE2 (RUNA/RUNB) coding of the BWT output; returns symbols and their count. */
function mtfEncode(last: Uint8Array, n: number, unseqToSeq: Uint8Array, nInUse: number, freq: Int32Array): { mtfv: Uint16Array; nMTF: number } {
  const mtfv = new Uint16Array(n + 2);
  const yy = new Uint8Array(256);
  for (let i = 0; i < nInUse; i++) yy[i] = i;
  let nMTF = 0;
  let zPend = 0;
  const flushRun = (): void => {
    let z = zPend - 1;
    for (;;) {
      const s = z & 1;
      mtfv[nMTF++] = s;
      freq[s]++;
      if (z < 2) break;
      z = (z - 2) >> 1;
    }
    zPend = 0;
  };
  for (let i = 0; i < n; i++) {
    const v = unseqToSeq[last[i]];
    if (yy[0] === v) { zPend++; continue; }
    if (zPend > 0) flushRun();
    let j = 1;
    while (yy[j] !== v) j++;
    yy.copyWithin(1, 0, j);
    yy[0] = v;
    mtfv[nMTF++] = j + 1;
    freq[j + 1]++;
  }
  if (zPend > 0) flushRun();
  mtfv[nMTF++] = nInUse + 1;
  freq[nInUse + 1]++;
  return { mtfv, nMTF };
}

/**
 * Compresses one RLE1-coded block `block[0..n)` (n ≥ 1) and appends it (block magic, CRC,
 * BWT pointer, symbol map, Huffman tables, data) to `w`.
 */
export function encodeBlock(w: BitWriter, block: Uint8Array, n: number, blockCrc: number): void {
  const sa = sortRotations(block, n);
  const last = new Uint8Array(n);
  let origPtr = 0;
  for (let i = 0; i < n; i++) {
    const j = sa[i];
    if (j === 0) { origPtr = i; last[i] = block[n - 1]; } else last[i] = block[j - 1];
  }
  const inUse = new Uint8Array(256);
  for (let i = 0; i < n; i++) inUse[block[i]] = 1;
  const unseqToSeq = new Uint8Array(256);
  let nInUse = 0;
  for (let i = 0; i < 256; i++) if (inUse[i]) unseqToSeq[i] = nInUse++;
  const alphaSize = nInUse + 2;
  const freq = new Int32Array(alphaSize);
  const { mtfv, nMTF } = mtfEncode(last, n, unseqToSeq, nInUse, freq);

  const nGroups = nMTF < 200 ? 2 : nMTF < 600 ? 3 : nMTF < 1200 ? 4 : nMTF < 2400 ? 5 : 6;
  const len = Array.from({ length: nGroups }, () => new Uint8Array(alphaSize));
  // Initial tables: split the alphabet into nGroups ranges of roughly equal frequency.
  let remaining = nMTF;
  let gs = 0;
  for (let part = nGroups; part > 0; part--) {
    const target = remaining / part;
    let ge = gs - 1;
    let acc = 0;
    while (acc < target && ge < alphaSize - 1) acc += freq[++ge];
    if (ge > gs && part !== nGroups && part !== 1 && (nGroups - part) % 2 === 1) acc -= freq[ge--];
    for (let v = 0; v < alphaSize; v++) len[part - 1][v] = v >= gs && v <= ge ? 0 : 15;
    gs = ge + 1;
    remaining -= acc;
  }
  const nSelectors = Math.ceil(nMTF / GROUP_SIZE);
  const selectors = new Uint8Array(nSelectors);
  const rfreq = Array.from({ length: nGroups }, () => new Int32Array(alphaSize));
  const cost = new Int32Array(nGroups);
  for (let iter = 0; iter < ITERATIONS; iter++) {
    for (const f of rfreq) f.fill(0);
    for (let s = 0, g = 0; g < nMTF; s++, g += GROUP_SIZE) {
      const ge = Math.min(g + GROUP_SIZE, nMTF);
      cost.fill(0);
      for (let i = g; i < ge; i++) { const sym = mtfv[i]; for (let t = 0; t < nGroups; t++) cost[t] += len[t][sym]; }
      let best = 0;
      for (let t = 1; t < nGroups; t++) if (cost[t] < cost[best]) best = t;
      selectors[s] = best;
      const f = rfreq[best];
      for (let i = g; i < ge; i++) f[mtfv[i]]++;
    }
    for (let t = 0; t < nGroups; t++) buildCodeLengths(rfreq[t], alphaSize, MAX_ENCODE_LEN, len[t]);
  }

  w.write(24, 0x314159); w.write(24, 0x265359);
  w.write32(blockCrc);
  w.write(1, 0);
  w.write(24, origPtr);
  let inUse16 = 0;
  for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) if (inUse[i * 16 + j]) { inUse16 |= 0x8000 >>> i; break; }
  w.write(16, inUse16);
  for (let i = 0; i < 16; i++) {
    if (!(inUse16 & (0x8000 >>> i))) continue;
    let bits = 0;
    for (let j = 0; j < 16; j++) if (inUse[i * 16 + j]) bits |= 0x8000 >>> j;
    w.write(16, bits);
  }
  w.write(3, nGroups);
  w.write(15, nSelectors);
  const pos = [0, 1, 2, 3, 4, 5];
  for (let s = 0; s < nSelectors; s++) {
    const v = selectors[s];
    let j = 0;
    while (pos[j] !== v) j++;
    for (let k = j; k > 0; k--) pos[k] = pos[k - 1];
    pos[0] = v;
    for (let k = 0; k < j; k++) w.write(1, 1);
    w.write(1, 0);
  }
  const codes = Array.from({ length: nGroups }, () => new Int32Array(alphaSize));
  for (let t = 0; t < nGroups; t++) {
    let curr = len[t][0];
    w.write(5, curr);
    for (let i = 0; i < alphaSize; i++) {
      const l = len[t][i];
      while (curr < l) { w.write(2, 2); curr++; }
      while (curr > l) { w.write(2, 3); curr--; }
      w.write(1, 0);
    }
    assignCodes(len[t], alphaSize, codes[t]);
  }
  for (let s = 0, g = 0; g < nMTF; s++, g += GROUP_SIZE) {
    const t = selectors[s];
    const l = len[t];
    const c = codes[t];
    const ge = Math.min(g + GROUP_SIZE, nMTF);
    for (let i = g; i < ge; i++) w.write(l[mtfv[i]], c[mtfv[i]]);
  }
}
