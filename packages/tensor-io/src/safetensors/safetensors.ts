import { DTYPE_SIZE, fromBytes, numel, toBytes, type DType, type Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';
import { asSource, type ByteSource } from '../formats/source.js';

const ST_DTYPE: Record<string, DType> = {
  BOOL: 'bool', U8: 'uint8', I8: 'int8', U16: 'uint16', I16: 'int16', U32: 'uint32', I32: 'int32',
  U64: 'uint64', I64: 'int64', F16: 'float16', BF16: 'bfloat16', F32: 'float32', F64: 'float64',
};
const DTYPE_ST = Object.fromEntries(Object.entries(ST_DTYPE).map(([k, v]) => [v, k])) as Record<DType, string>;
const MAX_HEADER = 100_000_000; // the reference implementation's limit

/** Result of {@link readSafetensorsWithMetadata}: the tensors and the optional `__metadata__` strings. */
export interface SafetensorsFile {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/** Reads a .safetensors file's tensors (see {@link readSafetensorsWithMetadata} for the checks). */
export function readSafetensors(input: Uint8Array | ByteSource, name = '<safetensors>', options: SafetensorsReadOptions = {}): Record<string, Tensor> {
  return readSafetensorsWithMetadata(input, name, options).tensors;
}

/** Reader options of {@link readSafetensorsWithMetadata}. */
export interface SafetensorsReadOptions {
  /** Read only these tensors (the header is still checked whole). */
  keys?: readonly string[];
}

/**
 * Reads a .safetensors file: 8-byte little-endian header length, a JSON header
 * `{name: {dtype, shape, data_offsets}, __metadata__?}` and the data. Offsets must be in bounds,
 * match dtype × shape and tile the data section without gaps or overlaps. Tensors are views on
 * `bytes` when aligned; from a {@link ByteSource} (`fileSource(path)`) the header is read, then each
 * tensor by its offset (any file size, memory bounded by the tensors read).
 * @throws TensorIOError naming the file, tensor and offset
 */
export function readSafetensorsWithMetadata(input: Uint8Array | ByteSource, name = '<safetensors>', options: SafetensorsReadOptions = {}): SafetensorsFile {
  const err = (msg: string, offset?: number, field?: string): TensorIOError => new TensorIOError(msg, { file: name, offset, field });
  const src = asSource(input, name);
  if (src.size < 8) throw err(`truncated: ${src.size} bytes is too short for a safetensors header`, 0);
  const head = src.read(0, 8);
  const hlen = Number(new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true));
  if (hlen > MAX_HEADER) throw err(`header length ${hlen} is over the ${MAX_HEADER}-byte limit (not a safetensors file?)`, 0, 'header_len');
  if (8 + hlen > src.size) throw err(`truncated: header of ${hlen} bytes runs past end of file (${src.size} bytes)`, 8, 'header');
  let header: unknown;
  try { header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(src.read(8, hlen))); } catch (e) {
    throw err(`header is not valid JSON: ${(e as Error).message}`, 8, 'header');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw err('header is not a JSON object', 8, 'header');
  const dataStart = 8 + hlen;
  const dataLen = src.size - dataStart;
  const tensors: Record<string, Tensor> = {};
  let metadata: Record<string, string> = {};
  const spans: [number, number, string][] = [];
  const wanted: [string, DType, number[], number, number][] = [];
  for (const [key, info] of Object.entries(header as Record<string, unknown>)) {
    if (key === '__metadata__') {
      if (!info || typeof info !== 'object' || !Object.values(info).every((v) => typeof v === 'string')) throw err('__metadata__ must map strings to strings', 8, key);
      metadata = info as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: off } = (info ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dt = typeof dtype === 'string' ? ST_DTYPE[dtype] : undefined;
    if (!dt) throw err(`unsupported dtype ${JSON.stringify(dtype)}`, 8, key);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw err(`bad shape ${JSON.stringify(shape)}`, 8, key);
    if (!Array.isArray(off) || off.length !== 2 || !off.every((d) => Number.isSafeInteger(d) && d >= 0) || off[0] > off[1]) throw err(`bad data_offsets ${JSON.stringify(off)}`, 8, key);
    const [b, e] = off as [number, number];
    const want = (shape as number[]).reduce((a, d) => a * d, 1) * DTYPE_SIZE[dt];
    if (e - b !== want) throw err(`wrong size: ${dt}[${shape.join(', ')}] needs ${want} bytes, data_offsets span ${e - b}`, dataStart + b, key);
    if (e > dataLen) throw err(`truncated: data_offsets [${b}, ${e}] run past the ${dataLen}-byte data section`, dataStart + b, key);
    spans.push([b, e, key]);
    if (!options.keys || options.keys.includes(key)) wanted.push([key, dt, shape as number[], b, e]);
  }
  spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let end = 0;
  for (const [b, e, key] of spans) {
    if (b !== end) throw err(b < end ? 'tensor data overlaps the previous tensor' : `gap of ${b - end} bytes before this tensor`, dataStart + b, key);
    end = e;
  }
  if (end !== dataLen) throw err(`wrong size: ${dataLen - end} bytes after the last tensor`, dataStart + end, 'data');
  // Read only after the whole header checked out, each tensor by its offset.
  for (const [key, dt, shape, b, e] of wanted) tensors[key] = fromBytes(dt, shape, src.read(dataStart + b, e - b));
  return { tensors, metadata };
}

/**
 * Writes a .safetensors file. As the reference implementation does, tensors are laid out by
 * decreasing element size then name, and the JSON header is padded with spaces to 8 bytes.
 */
export function writeSafetensors(dict: Record<string, Tensor>, metadata?: Record<string, string>): Uint8Array {
  const names = Object.keys(dict).sort((a, b) => DTYPE_SIZE[dict[b]!.dtype] - DTYPE_SIZE[dict[a]!.dtype] || (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length) header.__metadata__ = metadata;
  let off = 0;
  for (const k of names) {
    const t = dict[k]!;
    if (k === '__metadata__') throw new TensorIOError('a tensor may not be named __metadata__', { field: k });
    if (t.data.length !== numel(t.shape)) throw new TensorIOError(`tensor has ${t.data.length} elements but shape [${t.shape.join(', ')}]`, { field: k });
    const size = t.data.byteLength;
    header[k] = { dtype: DTYPE_ST[t.dtype], shape: t.shape, data_offsets: [off, off + size] };
    off += size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  if (padded !== json.byteLength) { const p = new Uint8Array(padded).fill(0x20); p.set(json); json = p; }
  const out = new Uint8Array(8 + json.byteLength + off);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  let p = 8 + json.byteLength;
  for (const k of names) { const b = toBytes(dict[k]!); out.set(b, p); p += b.byteLength; }
  return out;
}
