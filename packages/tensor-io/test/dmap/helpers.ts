import { DmapRecord, type DmapArray, type DmapScalar } from '../../src/dmap/index.js';

/** A small FITACF-like record (all field types real files use) for synthetic tests. */
export function fitacfLike(i: number, ngood = 3): DmapRecord {
  const s = (type: DmapScalar['type'], value: DmapScalar['value']): DmapScalar => ({ type, value });
  const scalars: Record<string, DmapScalar> = {
    'radar.revision.major': s('char', 4), 'origin.time': s('string', `Mon Dec 12 22:06:${String(i % 60).padStart(2, '0')} 2022`),
    stid: s('short', 64), 'time.yr': s('short', 2022), 'time.mo': s('short', 11), 'time.dy': s('short', 7),
    'time.hr': s('short', 18), 'time.mt': s('short', 1), 'time.sc': s('short', i % 60), 'time.us': s('int', 13196 + i),
    bmnum: s('short', i % 16), 'noise.sky': s('float', 1.5 + i), tfreq: s('short', 10500), 'fitacf.revision.major': s('int', 3),
  };
  const arrays: Record<string, DmapArray> = {
    ltab: { type: 'short', dims: [3, 2], data: Int16Array.from([0, 0, 26, 27, 20, 22]) },
    slist: { type: 'short', dims: [ngood], data: Int16Array.from({ length: ngood }, (_, k) => 10 + k * 3) },
    v: { type: 'float', dims: [ngood], data: Float32Array.from({ length: ngood }, (_, k) => -100 + 7.25 * k + i) },
    gflg: { type: 'char', dims: [ngood], data: Int8Array.from({ length: ngood }, (_, k) => k % 2) },
  };
  return new DmapRecord(scalars, arrays);
}

/** Scalars and arrays of a record as plain comparable data. */
export function plain(r: DmapRecord): unknown {
  return {
    scalars: r.scalars,
    arrays: Object.fromEntries(Object.entries(r.arrays).map(([k, a]) => [k, { type: a.type, dims: a.dims, data: Array.from(a.data as ArrayLike<unknown>) }])),
  };
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** Collects an async iterable (Array.fromAsync is not in Node 20). */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
