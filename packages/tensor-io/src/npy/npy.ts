import { DTYPE_SIZE, fromBytes, numel, toBytes, type Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';
import { gatherStrided, swapBytes } from '../formats/strided.js';
import { parsePyLiteral, type PyLiteral } from './header.js';
import { NPY_DESCR, parseDescr } from './dtype.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const MAX_HEADER = 1 << 20;

/**
 * Reads a .npy file (format versions 1.0, 2.0 and 3.0). Supports every numeric dtype, bool and
 * float16, big-endian input (converted to little-endian) and `fortran_order: True` (transposed to C
 * order). Contiguous little-endian data is returned as a view on `bytes` when aligned.
 * @param name file name used in error messages
 * @throws TensorIOError on bad magic, unsupported dtypes, malformed headers or wrong data sizes
 */
export function readNpy(bytes: Uint8Array, name = '<npy>'): Tensor {
  const err = (msg: string, offset?: number, field?: string): TensorIOError =>
    new TensorIOError(msg, { file: name, offset, field });
  if (bytes.byteLength < 10) throw err(`truncated: ${bytes.byteLength} bytes is too short for a .npy header`, 0);
  for (let k = 0; k < MAGIC.length; k++) if (bytes[k] !== MAGIC[k]) throw err('bad magic: not a .npy file (expected \\x93NUMPY)', 0, 'magic');
  const major = bytes[6]!;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let hlen: number;
  let hstart: number;
  if (major === 1) { hlen = dv.getUint16(8, true); hstart = 10; }
  else if (major === 2 || major === 3) {
    if (bytes.byteLength < 12) throw err('truncated header length', 8);
    hlen = dv.getUint32(8, true); hstart = 12;
  } else throw err(`unsupported .npy format version ${major}.${bytes[7]}`, 6, 'version');
  if (hlen > MAX_HEADER) throw err(`header length ${hlen} is implausibly large`, 8, 'header_len');
  if (hstart + hlen > bytes.byteLength) throw err(`truncated: header of ${hlen} bytes runs past end of file (${bytes.byteLength} bytes)`, hstart);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(hstart, hstart + hlen));
  let header: PyLiteral;
  try { header = parsePyLiteral(text.trim()); } catch (e) { throw err(`malformed header: ${(e as Error).message}`, hstart, 'header'); }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw err('header is not a dict', hstart, 'header');
  const { descr, fortran_order: fortran, shape } = header as Record<string, PyLiteral>;
  if (typeof descr !== 'string') throw err(`unsupported dtype ${JSON.stringify(descr)} (structured dtypes are not supported)`, hstart, 'descr');
  const dt = parseDescr(descr);
  if (!dt) throw err(`unsupported dtype '${descr}'`, hstart, 'descr');
  if (typeof fortran !== 'boolean') throw err('fortran_order must be True or False', hstart, 'fortran_order');
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && d >= 0)) throw err(`bad shape ${JSON.stringify(shape)}`, hstart, 'shape');
  const dims = shape as number[];
  const dataStart = hstart + hlen;
  const size = DTYPE_SIZE[dt.dtype];
  const available = bytes.byteLength - dataStart;
  // Compare in floating point first so a huge declared shape never triggers an allocation.
  const want = dims.reduce((a, d) => a * d, 1) * size;
  if (want > available) throw err(`truncated: shape [${dims.join(', ')}] of ${descr} needs ${want} data bytes, file has ${available}`, dataStart, 'data');
  if (want < available) throw err(`wrong size: ${available - want} unexpected bytes after the data of shape [${dims.join(', ')}] ${descr}`, dataStart + want, 'data');
  let data = bytes.subarray(dataStart, dataStart + want);
  if (dt.bigEndian) data = swapBytes(data, size);
  if (fortran && dims.length > 1) {
    const strides: number[] = [];
    let acc = 1;
    for (const d of dims) { strides.push(acc); acc *= d; }
    data = gatherStrided(data, size, dims, strides, 0);
  }
  return fromBytes(dt.dtype, dims, data);
}

/** Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`. */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * Builds the .npy header (magic, version 1.0, header length, padded dict) exactly as
 * `numpy.save` does, including the spare space numpy leaves for growing the first axis.
 */
export function npyHeader(dtype: Tensor['dtype'], shape: readonly number[]): Uint8Array {
  const descr = NPY_DESCR[dtype];
  if (!descr) throw new TensorIOError(`dtype ${dtype} has no numpy equivalent; convert it (e.g. to float32) first`, { field: 'dtype' });
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) dict += ' '.repeat(Math.max(0, 21 - String(shape[0]).length));
  const hlen = dict.length + 1;
  const pad = 64 - ((10 + hlen) % 64);
  const total = 10 + hlen + pad;
  if (total - 10 > 0xffff) throw new TensorIOError('header too long for .npy version 1.0', { field: 'shape' });
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  out[6] = 1; out[7] = 0;
  new DataView(out.buffer).setUint16(8, total - 10, true);
  for (let k = 0; k < dict.length; k++) out[10 + k] = dict.charCodeAt(k);
  out.fill(0x20, 10 + dict.length, total - 1);
  out[total - 1] = 0x0a;
  return out;
}

/**
 * Serialises a tensor as .npy (version 1.0, C order, little-endian), byte-identical to
 * `numpy.save` for the same array. bfloat16 is refused (numpy has no such dtype).
 */
export function writeNpy(t: Tensor): Uint8Array {
  if (t.data.length !== numel(t.shape)) throw new TensorIOError(`tensor has ${t.data.length} elements but shape [${t.shape.join(', ')}]`, { field: 'shape' });
  const header = npyHeader(t.dtype, t.shape);
  const body = toBytes(t);
  const out = new Uint8Array(header.byteLength + body.byteLength);
  out.set(header, 0);
  out.set(body, header.byteLength);
  return out;
}
