import type { DType } from '../tensor.js';

/** A numpy `descr` string decoded: our dtype and whether the bytes are big-endian. */
export interface NpyDescr {
  dtype: DType;
  bigEndian: boolean;
}

const KIND: Record<string, DType> = {
  b1: 'bool', u1: 'uint8', i1: 'int8', u2: 'uint16', i2: 'int16', u4: 'uint32', i4: 'int32',
  u8: 'uint64', i8: 'int64', f2: 'float16', f4: 'float32', f8: 'float64',
};

/** The `descr` numpy.save writes for each dtype (little-endian). bfloat16 has none. */
export const NPY_DESCR: Partial<Record<DType, string>> = {
  bool: '|b1', uint8: '|u1', int8: '|i1', uint16: '<u2', int16: '<i2', uint32: '<u4', int32: '<i4',
  uint64: '<u8', int64: '<i8', float16: '<f2', float32: '<f4', float64: '<f8',
};

/**
 * Decodes a numpy dtype string (`'<f4'`, `'>i8'`, `'|b1'`, `'=u2'`, `'?'`) into our dtype.
 * Returns `undefined` for anything we do not support (complex, strings, objects, structured).
 */
export function parseDescr(descr: string): NpyDescr | undefined {
  if (descr === '?' || descr === '|?' || descr === 'bool') return { dtype: 'bool', bigEndian: false };
  const m = /^([<>|=]?)([biuf])(\d+)$/.exec(descr);
  if (!m) return undefined;
  const dtype = KIND[m[2]! + m[3]!];
  if (!dtype) return undefined;
  return { dtype, bigEndian: m[1] === '>' && m[3] !== '1' };
}
