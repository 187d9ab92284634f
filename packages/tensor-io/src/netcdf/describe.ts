/**
 * `describeNetcdfFile`: a JSON-ready summary of a netCDF file (format, dimensions, attributes,
 * variables) with min/max/mean of the valid (CF-decoded, non-NaN) values, computed by streaming
 * hyperslabs so memory stays bounded whatever the variable size.
 */
import { openNetcdf } from './open.js';
import type { NcAttribute, NetcdfDimension, NetcdfFile, NetcdfFormat, NetcdfVariable } from './types.js';

/** Statistics over the valid values of a variable (`valid` = how many; min/max/mean null when none). */
export interface NetcdfStats {
  count: number;
  valid: number;
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** One variable in a {@link NetcdfDescription}. */
export interface NetcdfVariableDescription {
  name: string;
  dtype: NetcdfVariable['dtype'];
  ncType: NetcdfVariable['ncType'];
  dims: string[];
  shape: number[];
  attributes: Record<string, JsonAttribute>;
  stats?: NetcdfStats;
}

/** Attribute values as JSON can hold them (64-bit integers become strings). */
export type JsonAttribute = string | string[] | number | number[];

/** What {@link describeNetcdfFile} returns. */
export interface NetcdfDescription {
  path: string;
  format: NetcdfFormat;
  dimensions: NetcdfDimension[];
  attributes: Record<string, JsonAttribute>;
  variables: NetcdfVariableDescription[];
}

/** Options of {@link describeNetcdfFile}. */
export interface DescribeNetcdfOptions {
  /** Compute min/max/mean (reads all data, in blocks). */
  stats: boolean;
  /** Upper bound of one block read for the statistics (decoded bytes). */
  maxBlockBytes: number;
}

/** Defaults: statistics on, 16 MiB blocks. */
export const DEFAULT_DESCRIBE_NETCDF_OPTIONS: DescribeNetcdfOptions = { stats: true, maxBlockBytes: 16 << 20 };

/** An attribute value for JSON: single numbers unwrapped, bigints as strings. */
export function jsonAttribute(a: NcAttribute): JsonAttribute {
  if (typeof a.value === 'string') return a.value;
  const vals = (a.value as unknown[]).map((x) => (typeof x === 'bigint' ? x.toString() : x)) as (string | number)[];
  if (vals.length === 1 && typeof vals[0] === 'number') return vals[0];
  return vals as string[] | number[];
}

const jsonAttrs = (attrs: Record<string, NcAttribute>): Record<string, JsonAttribute> =>
  Object.fromEntries(Object.entries(attrs).map(([k, a]) => [k, jsonAttribute(a)]));

/** Streams a variable in blocks of at most `maxBlockBytes` decoded bytes and accumulates statistics. */
export async function variableStats(f: NetcdfFile, v: NetcdfVariable, maxBlockBytes: number): Promise<NetcdfStats> {
  const shape = v.shape;
  const count = shape.reduce((a, b) => a * b, 1);
  const st = { count, valid: 0, min: Infinity, max: -Infinity, sum: 0 };
  if (count > 0) {
    const maxElems = Math.max(1, Math.floor(maxBlockBytes / 8));
    // Block along axis k; iterate every index of the axes before it.
    let k = shape.length;
    let inner = 1;
    while (k > 0 && inner * shape[k - 1]! <= maxElems) inner *= shape[--k]!;
    const axis = Math.max(0, k - 1);
    const rows = k === 0 ? shape[0] ?? 1 : Math.max(1, Math.floor(maxElems / inner));
    const outerDims = shape.slice(0, axis);
    const idx = outerDims.map(() => 0);
    const nOuter = outerDims.reduce((a, b) => a * b, 1);
    for (let o = 0; o < nOuter; o++) {
      for (let r = 0; r < (shape[axis] ?? 1); r += rows) {
        const start = shape.map((_, i) => (i < axis ? idx[i]! : i === axis ? r : 0));
        const cnt = shape.map((s, i) => (i < axis ? 1 : i === axis ? Math.min(rows, s - r) : s));
        const t = await f.readVariable(v.name, { start, count: cnt });
        const d = t.data;
        for (let i = 0; i < d.length; i++) {
          const x = Number(d[i]);
          if (x !== x) continue;
          st.valid++;
          if (x < st.min) st.min = x;
          if (x > st.max) st.max = x;
          st.sum += x;
        }
        if (shape.length === 0) break;
      }
      for (let d = axis - 1; d >= 0; d--) { if (++idx[d]! < shape[d]!) break; idx[d] = 0; }
    }
  }
  const any = st.valid > 0;
  return { count, valid: st.valid, min: any ? st.min : null, max: any ? st.max : null, mean: any ? st.sum / st.valid : null };
}

/** Describes a netCDF-3 or netCDF-4 file; used by `weatherlearn inspect`. */
export async function describeNetcdfFile(path: string, options: Partial<DescribeNetcdfOptions> = {}): Promise<NetcdfDescription> {
  const opts = { ...DEFAULT_DESCRIBE_NETCDF_OPTIONS, ...options };
  const f = await openNetcdf(path);
  try {
    const variables: NetcdfVariableDescription[] = [];
    for (const v of f.variables) {
      const d: NetcdfVariableDescription = {
        name: v.name, dtype: v.dtype, ncType: v.ncType, dims: [...v.dims], shape: [...v.shape], attributes: jsonAttrs(v.attributes),
      };
      if (opts.stats && v.dtype !== 'char' && v.dtype !== 'string' && v.dtype !== 'unsupported') {
        d.stats = await variableStats(f, v, opts.maxBlockBytes);
      }
      variables.push(d);
    }
    return { path, format: f.format, dimensions: f.dimensions.map((d) => ({ ...d })), attributes: jsonAttrs(f.attributes), variables };
  } finally {
    await f.close();
  }
}
