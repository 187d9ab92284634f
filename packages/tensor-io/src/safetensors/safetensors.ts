import { DTYPE_SIZE, fromBytes, numel, toBytes, type DType, type Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';

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
export function readSafetensors(bytes: Uint8Array, name = '<safetensors>'): Record<string, Tensor> {
  return readSafetensorsWithMetadata(bytes, name).tensors;
}

/**
 * Reads a .safetensors file: 8-byte little-endian header length, a JSON header
 * `{name: {dtype, shape, data_offsets}, __metadata__?}` and the data. Offsets must be in bounds,
 * match dtype × shape and tile the data section without gaps or overlaps. Tensors are views on
 * `bytes` when aligned.
 * @throws TensorIOError naming the file, tensor and offset
 */
export function readSafetensorsWithMetadata(bytes: Uint8Array, name = '<safetensors>'): SafetensorsFile {
  const err = (msg: string, offset?: number, field?: string): TensorIOError => new TensorIOError(msg, { file: name, offset, field });
  if (bytes.byteLength < 8) throw err(`truncated: ${bytes.byteLength} bytes is too short for a safetensors header`, 0);
  const hlen = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (hlen > MAX_HEADER) throw err(`header length ${hlen} is over the ${MAX_HEADER}-byte limit (not a safetensors file?)`, 0, 'header_len');
  if (8 + hlen > bytes.byteLength) throw err(`truncated: header of ${hlen} bytes runs past end of file (${bytes.byteLength} bytes)`, 8, 'header');
  let header: unknown;
  try { header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + hlen))); } catch (e) {
    throw err(`header is not valid JSON: ${(e as Error).message}`, 8, 'header');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw err('header is not a JSON object', 8, 'header');
  const dataStart = 8 + hlen;
  const dataLen = bytes.byteLength - dataStart;
  const tensors: Record<string, Tensor> = {};
  let metadata: Record<string, string> = {};
  const spans: [number, number, string][] = [];
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
    tensors[key] = fromBytes(dt, shape as number[], bytes.subarray(dataStart + b, dataStart + e));
  }
  spans.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let end = 0;
  for (const [b, e, key] of spans) {
    if (b !== end) throw err(b < end ? 'tensor data overlaps the previous tensor' : `gap of ${b - end} bytes before this tensor`, dataStart + b, key);
    end = e;
  }
  if (end !== dataLen) throw err(`wrong size: ${dataLen - end} bytes after the last tensor`, dataStart + end, 'data');
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
