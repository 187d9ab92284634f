/** Validation of hyperslab requests (start/count/stride) against a variable's shape. */
import { NetcdfError } from './types.js';

/** A checked selection: one entry per dimension, every index inside the shape. */
export interface Hyperslab {
  start: number[];
  count: number[];
  stride: number[];
}

/**
 * Fills defaults (start 0, count to the end, stride 1) and checks every value against `shape`,
 * throwing a {@link NetcdfError} that names the file, variable and dimension.
 */
export function resolveHyperslab(
  file: string, variable: string, dims: readonly string[], shape: readonly number[],
  sel: { start?: number[]; count?: number[]; stride?: number[] },
): Hyperslab {
  const rank = shape.length;
  for (const key of ['start', 'count', 'stride'] as const) {
    const v = sel[key];
    if (v !== undefined && v.length !== rank) {
      throw new NetcdfError(file, `${key} has ${v.length} entries, the variable has ${rank} dimensions`, variable);
    }
  }
  const start: number[] = [];
  const count: number[] = [];
  const stride: number[] = [];
  for (let i = 0; i < rank; i++) {
    const dim = `dimension ${i} (${dims[i] ?? '?'}, size ${shape[i]})`;
    const s = sel.start?.[i] ?? 0;
    const st = sel.stride?.[i] ?? 1;
    if (!Number.isInteger(st) || st < 1) throw new NetcdfError(file, `stride ${st} for ${dim} must be a positive integer`, variable);
    if (!Number.isInteger(s) || s < 0 || s > shape[i]!) {
      throw new NetcdfError(file, `start ${s} out of range for ${dim}`, variable);
    }
    const c = sel.count?.[i] ?? Math.ceil((shape[i]! - s) / st);
    if (!Number.isInteger(c) || c < 0) throw new NetcdfError(file, `count ${c} for ${dim} must be a non-negative integer`, variable);
    if (c > 0 && s + (c - 1) * st >= shape[i]!) {
      throw new NetcdfError(file, `start ${s} + count ${c} (stride ${st}) exceeds ${dim}`, variable);
    }
    start.push(s); count.push(c); stride.push(st);
  }
  return { start, count, stride };
}
