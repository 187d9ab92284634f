import { writeFileAtomic } from '@weatherlearn/fs-atomic';
import { Bzip2Encoder } from '../bz2/compress.js';
import { DMAP_ARRAY_CTOR, DMAP_TYPES, DMAP_TYPE_SIZE, DmapError, type DmapArray, type DmapScalar, type DmapTypeName } from './types.js';
import { DMAP_HEADER_BYTES, DMAP_RECORD_CODE } from './parse-record.js';

/** Anything with DMAP scalars and arrays (a DmapRecord or a plain object of the same shape). */
export interface DmapRecordInput {
  scalars: Record<string, DmapScalar>;
  arrays: Record<string, DmapArray | { type: DmapTypeName; dims: number[]; data: ArrayLike<number | bigint> | string[] }>;
}

const INT_RANGE: Partial<Record<DmapTypeName, [number, number]>> = {
  char: [-128, 127], short: [-32768, 32767], int: [-2147483648, 2147483647],
  uchar: [0, 255], ushort: [0, 65535], uint: [0, 4294967295],
};
const BIG_RANGE: Partial<Record<DmapTypeName, [bigint, bigint]>> = {
  long: [-(2n ** 63n), 2n ** 63n - 1n], ulong: [0n, 2n ** 64n - 1n],
};

function latin1(s: string, what: string, fail: (m: string) => never): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0 || c > 255) fail(`${what} contains ${c === 0 ? 'a NUL' : `non-latin1 character U+${c.toString(16)}`}`);
    b[i] = c;
  }
  return b;
}

function checkNumber(type: DmapTypeName, v: unknown, fail: (m: string) => never): number | bigint {
  const big = BIG_RANGE[type];
  if (big) {
    const b = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : fail(`${type} value must be a bigint or safe integer, got ${String(v)}`);
    if (b < big[0] || b > big[1]) fail(`value ${b} out of range for ${type}`);
    return b;
  }
  if (typeof v !== 'number') return fail(`${type} value must be a number, got ${typeof v}`);
  const r = INT_RANGE[type];
  if (r && (!Number.isInteger(v) || v < r[0] || v > r[1])) fail(`value ${v} is not a ${type} (integer in ${r[0]}..${r[1]})`);
  return v;
}

type Part = { kind: 's'; name: Uint8Array; type: DmapTypeName; value: number | bigint | Uint8Array } | { kind: 'a'; name: Uint8Array; type: DmapTypeName; dims: number[]; bytes: Uint8Array };

/** Encodes one record; throws DmapError naming the record and field for invalid input. */
export function encodeDmapRecord(rec: DmapRecordInput, index = 0): Uint8Array {
  let field: string | undefined;
  const fail = (m: string): never => { throw new DmapError('<writer>', index, -1, m, field); };
  const parts: Part[] = [];
  let size = DMAP_HEADER_BYTES;
  let ns = 0;
  for (const [name, s] of Object.entries(rec.scalars)) {
    field = name;
    if (!(s.type in DMAP_TYPES)) fail(`unknown DMAP type "${s.type}"`);
    const nb = latin1(name, 'name', fail);
    let value: number | bigint | Uint8Array;
    if (s.type === 'string') {
      if (typeof s.value !== 'string') fail(`string scalar needs a string, got ${typeof s.value}`);
      value = latin1(s.value as string, 'string value', fail);
      size += nb.length + 2 + value.length + 1;
    } else {
      value = checkNumber(s.type, s.value, fail);
      size += nb.length + 2 + DMAP_TYPE_SIZE[s.type];
    }
    parts.push({ kind: 's', name: nb, type: s.type, value });
    ns++;
  }
  let na = 0;
  for (const [name, a] of Object.entries(rec.arrays)) {
    field = name;
    if (!(a.type in DMAP_TYPES)) fail(`unknown DMAP type "${a.type}"`);
    const nb = latin1(name, 'name', fail);
    if (!Array.isArray(a.dims) || a.dims.length < 1 || a.dims.some((d) => !Number.isInteger(d) || d < 0 || d > 0x7fffffff)) fail(`invalid dims [${String(a.dims)}]`);
    const n = a.dims.reduce((x, y) => x * y, 1);
    if (a.data.length !== n) fail(`data has ${a.data.length} values but dims [${a.dims.join(', ')}] need ${n}`);
    let bytes: Uint8Array;
    if (a.type === 'string') {
      const strs = (a.data as string[]).map((s, k) => (typeof s === 'string' ? latin1(s, `string ${k}`, fail) : fail(`string array element ${k} is not a string`)));
      bytes = new Uint8Array(strs.reduce((t, s) => t + s.length + 1, 0));
      let o = 0;
      for (const s of strs) { bytes.set(s, o); o += s.length + 1; }
    } else {
      const Ctor = DMAP_ARRAY_CTOR[a.type];
      let typed: ArrayBufferView;
      if (a.data instanceof Ctor) typed = a.data;
      else if (ArrayBuffer.isView(a.data)) return fail(`array of type ${a.type} needs a ${Ctor.name} (or a plain array), got ${a.data.constructor.name}`);
      else {
        const src = a.data as ArrayLike<number | bigint>;
        const vals = Array.from({ length: n }, (_, k) => checkNumber(a.type, src[k], fail));
        typed = new (Ctor as unknown as new (v: unknown[]) => ArrayBufferView)(vals);
      }
      bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
    }
    size += nb.length + 2 + 4 + 4 * a.dims.length + bytes.length;
    parts.push({ kind: 'a', name: nb, type: a.type, dims: a.dims, bytes });
    na++;
  }
  field = undefined;
  if (size > 0x7fffffff) fail(`record of ${size} bytes is too large for DMAP`);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, DMAP_RECORD_CODE, true);
  dv.setInt32(4, size, true);
  dv.setInt32(8, ns, true);
  dv.setInt32(12, na, true);
  let p = DMAP_HEADER_BYTES;
  for (const part of parts) {
    out.set(part.name, p);
    p += part.name.length + 1;
    out[p++] = DMAP_TYPES[part.type];
    if (part.kind === 's') {
      const v = part.value;
      switch (part.type) {
        case 'char': dv.setInt8(p, v as number); break;
        case 'short': dv.setInt16(p, v as number, true); break;
        case 'int': dv.setInt32(p, v as number, true); break;
        case 'float': dv.setFloat32(p, v as number, true); break;
        case 'double': dv.setFloat64(p, v as number, true); break;
        case 'long': dv.setBigInt64(p, v as bigint, true); break;
        case 'uchar': dv.setUint8(p, v as number); break;
        case 'ushort': dv.setUint16(p, v as number, true); break;
        case 'uint': dv.setUint32(p, v as number, true); break;
        case 'ulong': dv.setBigUint64(p, v as bigint, true); break;
        case 'string': out.set(v as Uint8Array, p); p += (v as Uint8Array).length + 1; continue;
      }
      p += DMAP_TYPE_SIZE[part.type];
    } else {
      dv.setInt32(p, part.dims.length, true);
      p += 4;
      for (let d = part.dims.length - 1; d >= 0; d--) { dv.setInt32(p, part.dims[d], true); p += 4; }
      out.set(part.bytes, p);
      p += part.bytes.length;
    }
  }
  return out;
}

/** Encodes records into one DMAP byte stream (uncompressed). */
export function writeDmap(records: Iterable<DmapRecordInput>): Uint8Array {
  const parts: Uint8Array[] = [];
  let i = 0;
  for (const r of records) parts.push(encodeDmapRecord(r, i++));
  return new Uint8Array(Buffer.concat(parts));
}

/** Options of the streaming writer. */
export interface DmapWriteOptions {
  /** bzip2-compress the output: false, true (level 9) or a level 1..9. */
  bz2: boolean | number;
}

/** Defaults: uncompressed. */
export const DEFAULT_DMAP_WRITE_OPTIONS: DmapWriteOptions = { bz2: false };

/** Streaming writer: yields the encoded (optionally bzip2-compressed) bytes record by record. */
export async function* dmapChunks(
  records: Iterable<DmapRecordInput> | AsyncIterable<DmapRecordInput>,
  options: Partial<DmapWriteOptions> = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const bz = options.bz2 ?? DEFAULT_DMAP_WRITE_OPTIONS.bz2;
  const enc = bz === false ? undefined : new Bzip2Encoder({ level: bz === true ? 9 : bz });
  let i = 0;
  for await (const r of records) {
    const bytes = encodeDmapRecord(r, i++);
    const out = enc ? enc.push(bytes) : bytes;
    if (out.length) yield out;
  }
  if (enc) yield enc.finish();
}

/** Writes records to `path` atomically (temp file + rename); returns the record count and bytes written. */
export async function writeDmapFile(
  path: string,
  records: Iterable<DmapRecordInput> | AsyncIterable<DmapRecordInput>,
  options: Partial<DmapWriteOptions> = {},
): Promise<{ records: number; bytes: number }> {
  const parts: Uint8Array[] = [];
  let n = 0;
  const counted = (async function* () { for await (const r of records) { n++; yield r; } })();
  for await (const c of dmapChunks(counted, options)) parts.push(c);
  const data = new Uint8Array(Buffer.concat(parts));
  await writeFileAtomic(path, data);
  return { records: n, bytes: data.length };
}
