import { DmapError, type DmapArray, type DmapRecord } from '../types.js';

/** Any numeric array a typed view may hold (files differ in the exact type of some fields). */
export type NumArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** Fields every typed view carries. */
export interface DmapViewBase {
  /** The underlying record (all fields, including ones the view does not name). */
  record: DmapRecord;
}

/** Splits a whitespace-separated field list. */
export function fields(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/**
 * Builds a typed view: required scalars must exist (else DmapError naming the field), every
 * other listed field is copied when present and left undefined when missing. Arrays in `multi`
 * keep their dims (DmapArray); other arrays give their data.
 */
export function buildView<T>(
  rec: DmapRecord, kind: string, required: string[], scalars: string[], arrays: string[], multi: string[] = [],
): T {
  const out: Record<string, unknown> = { record: rec };
  for (const n of required) {
    if (rec.scalar(n) === undefined) {
      throw new DmapError('<record>', rec.index ?? -1, rec.offset ?? -1, `not a ${kind} record: required scalar is missing`, n);
    }
  }
  for (const n of scalars) {
    const v = rec.scalar(n);
    if (v !== undefined) out[n] = typeof v === 'bigint' ? Number(v) : v;
  }
  for (const n of arrays) {
    const a: DmapArray | undefined = rec.arrayField(n);
    if (a !== undefined) out[n] = multi.includes(n) ? a : a.data;
  }
  return out as T;
}
