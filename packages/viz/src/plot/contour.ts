/** A contour segment between two points in fractional grid coordinates [row, col]. */
export type Segment = [[number, number], [number, number]];

/**
 * Marching squares: the segments of the `level` iso-line of a row-major grid (rows × cols),
 * endpoints linearly interpolated on cell edges. Saddle cells are resolved by the cell-centre
 * mean. Cells touching a NaN are skipped.
 */
export function marchingSquares(values: ArrayLike<number>, rows: number, cols: number, level: number): Segment[] {
  if (values.length !== rows * cols) throw new Error(`marchingSquares: ${values.length} values for ${rows}×${cols}`);
  const out: Segment[] = [];
  const at = (r: number, c: number): number => values[r * cols + c]!;
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const v0 = at(r, c), v1 = at(r, c + 1), v2 = at(r + 1, c + 1), v3 = at(r + 1, c);
      if (![v0, v1, v2, v3].every(Number.isFinite)) continue;
      const code = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const t = (a: number, b: number): number => (a === b ? 0.5 : (level - a) / (b - a));
      // Edge points: top (v0→v1), right (v1→v2), bottom (v3→v2), left (v0→v3).
      const top: [number, number] = [r, c + t(v0, v1)];
      const right: [number, number] = [r + t(v1, v2), c + 1];
      const bottom: [number, number] = [r + 1, c + t(v3, v2)];
      const left: [number, number] = [r + t(v0, v3), c];
      const centreHigh = (v0 + v1 + v2 + v3) / 4 > level;
      switch (code) {
        case 1: case 14: out.push([left, top]); break;
        case 2: case 13: out.push([top, right]); break;
        case 3: case 12: out.push([left, right]); break;
        case 4: case 11: out.push([right, bottom]); break;
        case 6: case 9: out.push([top, bottom]); break;
        case 7: case 8: out.push([left, bottom]); break;
        case 5: if (centreHigh) out.push([left, bottom], [top, right]); else out.push([left, top], [right, bottom]); break;
        case 10: if (centreHigh) out.push([left, top], [right, bottom]); else out.push([left, bottom], [top, right]); break;
      }
    }
  }
  return out;
}

/** Contour levels every `step` from the first multiple of step above `min` to `max`, skipping 0 when asked. */
export function contourLevels(min: number, max: number, step: number, skipZero = false): number[] {
  if (!(step > 0)) throw new Error(`contourLevels: step must be positive, got ${step}`);
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) if (!(skipZero && Math.abs(v) < step * 1e-9)) out.push(v);
  return out;
}

/**
 * Join marching-squares segments into polylines: each returned line is one connected iso-line,
 * in order, closed lines ending on their first point. Endpoints match exactly because neighbouring
 * cells interpolate a shared edge from the same two values. With `wrapCols`, column `cols − 1` is
 * the same meridian as column 0 (a 0…360° grid), so lines crossing it stay one line.
 */
export function joinSegments(segments: Segment[], wrapCols?: number): Array<Array<[number, number]>> {
  const key = ([r, c]: [number, number]): string => `${r},${wrapCols !== undefined && c === wrapCols - 1 ? 0 : c}`;
  const ends = new Map<string, number[]>();
  segments.forEach((s, i) => { for (const p of s) { const k = key(p); const l = ends.get(k); if (l) l.push(i); else ends.set(k, [i]); } });
  const used = new Uint8Array(segments.length);
  /** The unused segment touching `p`, oriented to start there, or undefined. */
  const next = (p: [number, number]): [[number, number], [number, number]] | undefined => {
    for (const i of ends.get(key(p)) ?? []) {
      if (used[i]) continue;
      used[i] = 1;
      const [a, b] = segments[i]!;
      return key(a) === key(p) ? [a, b] : [b, a];
    }
    return undefined;
  };
  const lines: Array<Array<[number, number]>> = [];
  for (let i = 0; i < segments.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const line: Array<[number, number]> = [segments[i]![0], segments[i]![1]];
    for (let s = next(line[line.length - 1]!); s; s = next(line[line.length - 1]!)) line.push(s[1]);
    const head: Array<[number, number]> = [];
    for (let s = next(line[0]!); s; s = next(head.length ? head[head.length - 1]! : line[0]!)) head.push(s[1]);
    lines.push([...head.reverse(), ...line]);
  }
  return lines;
}
