/**
 * GridRad v4.2 sparse layout: values of a field (e.g. `Reflectivity`) live on an `Index` dimension
 * with `index` giving each value's linear position in the dense (Altitude, Latitude, Longitude)
 * cube; every other bin is empty (no echo → NaN).
 */

/** A 2-D reduction of the GridRad cube: the column maximum, or one altitude level. */
export type GridradReduce =
  | { kind: 'column-max' }
  | { kind: 'altitude'; km: number }
  | { kind: 'level'; index: number };

/** The default reduction: column-maximum reflectivity. */
export const DEFAULT_GRIDRAD_REDUCE: GridradReduce[] = [{ kind: 'column-max' }];

/**
 * Parses reductions from text such as `colmax,alt:3.5,level:0`.
 * @throws Error naming the bad item and the accepted forms
 */
export function parseGridradReduce(text: string): GridradReduce[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((item) => {
    if (item === 'colmax' || item === 'column-max') return { kind: 'column-max' } as const;
    const m = /^(alt|level):(-?\d+(?:\.\d+)?)$/.exec(item);
    if (m && m[1] === 'alt') return { kind: 'altitude', km: Number(m[2]) } as const;
    if (m && m[1] === 'level' && Number.isInteger(Number(m[2])) && Number(m[2]) >= 0) return { kind: 'level', index: Number(m[2]) } as const;
    throw new Error(`invalid GridRad channel '${item}': use colmax, alt:<km> (nearest level) or level:<i>`);
  });
}

/** A readable label of a reduction (`colmax`, `alt:3.5`, `level:2`). */
export function gridradReduceLabel(r: GridradReduce): string {
  return r.kind === 'column-max' ? 'colmax' : r.kind === 'altitude' ? `alt:${r.km}` : `level:${r.index}`;
}

function checkIndex(i: number, total: number, k: number, where: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= total) {
    throw new RangeError(`${where}: index[${k}] = ${i} is outside the ${total}-bin cube`);
  }
}

/**
 * Decodes the sparse field to a dense cube (nz·ny·nx float32, NaN where no value): the reference
 * decoding `vals = full(nz*ny*nx, NaN); vals[index] = field`. Costs the whole cube in memory; the
 * pipeline uses {@link reduceGridradSparse}, which gives the same 2-D channels from the sparse values.
 * @throws RangeError when lengths differ or an index is outside the cube
 */
export function decodeGridradSparse(index: ArrayLike<number>, values: ArrayLike<number>, dims: [number, number, number], where = 'GridRad'): Float32Array {
  const total = dims[0] * dims[1] * dims[2];
  if (index.length !== values.length) throw new RangeError(`${where}: index has ${index.length} entries but the field has ${values.length}`);
  const out = new Float32Array(total).fill(NaN);
  for (let k = 0; k < index.length; k++) {
    const i = index[k]!;
    checkIndex(i, total, k, where);
    out[i] = values[k]!;
  }
  return out;
}

/** Index of the altitude nearest to `km` (ties → the lower level). */
export function nearestLevel(altitudes: ArrayLike<number>, km: number): number {
  let best = 0;
  for (let i = 1; i < altitudes.length; i++) if (Math.abs(altitudes[i]! - km) < Math.abs(altitudes[best]! - km)) best = i;
  return best;
}

/**
 * Reduces the sparse field straight to 2-D channels (ny·nx float32 each, NaN where the column or
 * level has no value), without building the dense cube. NaN field values are ignored by the
 * column maximum.
 * @throws RangeError for mismatched lengths, out-of-cube indices or levels beyond the cube
 */
export function reduceGridradSparse(
  index: ArrayLike<number>, values: ArrayLike<number>, dims: [number, number, number],
  reduce: readonly GridradReduce[], altitudes?: ArrayLike<number>, where = 'GridRad',
): Float32Array[] {
  const [nz, ny, nx] = dims;
  const plane = ny * nx, total = nz * plane;
  if (index.length !== values.length) throw new RangeError(`${where}: index has ${index.length} entries but the field has ${values.length}`);
  const levels = reduce.map((r) => {
    if (r.kind === 'column-max') return -1;
    if (r.kind === 'level') {
      if (r.index >= nz) throw new RangeError(`${where}: level ${r.index} is beyond the ${nz} altitude levels`);
      return r.index;
    }
    if (!altitudes || altitudes.length !== nz) throw new RangeError(`${where}: alt:${r.km} needs an Altitude coordinate of ${nz} values`);
    return nearestLevel(altitudes, r.km);
  });
  const out = reduce.map(() => new Float32Array(plane).fill(NaN));
  for (let k = 0; k < index.length; k++) {
    const i = index[k]!;
    checkIndex(i, total, k, where);
    const v = values[k]!;
    if (Number.isNaN(v)) continue;
    const z = Math.floor(i / plane), p = i - z * plane;
    for (let c = 0; c < levels.length; c++) {
      const o = out[c]!;
      if (levels[c] === -1) { if (!(o[p]! >= v)) o[p] = v; } else if (levels[c] === z) o[p] = v;
    }
  }
  return out;
}
