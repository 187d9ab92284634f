import type { DmapRecord } from './types.js';

/** JSON form of one record (as printed by `weatherlearn dmap dump --json`). */
export interface DmapRecordJson {
  index?: number;
  offset?: number;
  scalars: Record<string, { type: string; value: number | string | null }>;
  arrays: Record<string, { type: string; dims: number[]; data: (number | string | null)[] }>;
  /** Present when some values could not be represented in JSON (NaN/±Infinity → null, huge 64-bit ints → string). */
  notes?: string[];
}

function jsonValue(v: number | bigint | string, field: string, counts: Map<string, number>): number | string | null {
  if (typeof v === 'bigint') {
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
    counts.set(`${field}: 64-bit integer beyond 2^53 written as a string`, 1);
    return v.toString();
  }
  if (typeof v === 'number' && !Number.isFinite(v)) {
    const k = `${field}: non-finite value(s) (NaN/Infinity) written as null`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return null;
  }
  return v;
}

/**
 * Converts a record to plain JSON-safe data: typed arrays become arrays, non-finite floats become
 * null and 64-bit integers beyond 2^53 become strings, each with a note.
 */
export function dmapRecordToJson(rec: DmapRecord): DmapRecordJson {
  const counts = new Map<string, number>();
  const out: DmapRecordJson = { scalars: {}, arrays: {} };
  if (rec.index !== undefined) out.index = rec.index;
  if (rec.offset !== undefined) out.offset = rec.offset;
  for (const [name, s] of Object.entries(rec.scalars)) out.scalars[name] = { type: s.type, value: jsonValue(s.value, name, counts) };
  for (const [name, a] of Object.entries(rec.arrays)) {
    const data: (number | string | null)[] = new Array(a.data.length);
    for (let i = 0; i < a.data.length; i++) data[i] = jsonValue(a.data[i], name, counts);
    out.arrays[name] = { type: a.type, dims: a.dims, data };
  }
  if (counts.size) out.notes = [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k));
  return out;
}
