// Port of dariodematties/gridrad/dataset/utils.py:process_nc_file_two_channels
/**
 * Reading 2-D channels from a netCDF file: plain 2-D variables (GOES-like products, optional
 * singleton dims such as `time` are squeezed) or the GridRad v4.2 sparse layout.
 */
import { toFloat32, type NetcdfFile, type NetcdfVariable } from '@weatherlearn/tensor-io';
import { reduceGridradSparse, gridradReduceLabel, DEFAULT_GRIDRAD_REDUCE, type GridradReduce } from './gridrad-decode.js';
import { GridradDataError } from './errors.js';

/** Which channels to read. */
export interface ChannelOptions {
  /** 2-D variables to read, in channel order; absent ones are left out (as the original does). */
  variables: string[];
  /** Sparse GridRad field decoded when the file has the v4.2 layout. */
  gridradField: string;
  /** 2-D reductions of the GridRad cube, one channel each. */
  gridradReduce: GridradReduce[];
}

/** Defaults: the two GOES-16 convection-detection channels; column-max GridRad reflectivity. */
export const DEFAULT_CHANNEL_OPTIONS: ChannelOptions = {
  variables: ['ir_brightness_temperature', 'visible_reflectance'],
  gridradField: 'Reflectivity',
  gridradReduce: DEFAULT_GRIDRAD_REDUCE,
};

/** The channels of one open file, ready to be cropped. */
export interface ChannelSource {
  layout: 'grid2d' | 'gridrad-sparse';
  height: number;
  width: number;
  /** Channel names (variables, or GridRad reductions such as `Reflectivity:colmax`). */
  names: string[];
  /** Requested variables the file does not have. */
  missing: string[];
  /** Reads one window of every channel (float32, row-major h·w each; invalid values NaN). */
  readWindow(y: number, x: number, h: number, w: number): Promise<Float32Array[]>;
}

/** True when the file has the GridRad v4.2 sparse layout for `field`. */
export function isGridradSparse(file: NetcdfFile, field: string): boolean {
  const v = file.variable(field), idx = file.variable('index');
  const dims = new Set(file.dimensions.map((d) => d.name));
  return !!v && !!idx && v.dims.length === 1 && v.dims[0] === 'Index' && idx.dims[0] === 'Index'
    && dims.has('Altitude') && dims.has('Latitude') && dims.has('Longitude');
}

function spatialDims(file: NetcdfFile, v: NetcdfVariable): number[] {
  const big = v.shape.map((s, i) => (s !== 1 ? i : -1)).filter((i) => i >= 0);
  if (big.length !== 2 || v.shape.length < 2) {
    throw new GridradDataError(`${file.path}: variable ${v.name} has shape [${v.shape.join(', ')}]; expected a 2-D field (singleton dims allowed)`, { file: file.path, field: v.name });
  }
  return big;
}

async function gridradSource(file: NetcdfFile, opts: ChannelOptions): Promise<ChannelSource> {
  const size = (n: string): number => file.dimensions.find((d) => d.name === n)!.size;
  const dims: [number, number, number] = [size('Altitude'), size('Latitude'), size('Longitude')];
  const where = `${file.path} (${opts.gridradField})`;
  const index = toFloat32Exact(await file.readVariable('index', { decode: false }), `${file.path} (variable index)`);
  const values = toFloat32(await file.readVariable(opts.gridradField));
  const altVar = file.variable('Altitude');
  const alts = altVar && altVar.shape.length === 1 && altVar.shape[0] === dims[0] ? toFloat32(await file.readVariable('Altitude')) : undefined;
  const planes = reduceGridradSparse(index, values, dims, opts.gridradReduce, alts, where);
  const [, ny, nx] = dims;
  return {
    layout: 'gridrad-sparse', height: ny, width: nx, missing: [],
    names: opts.gridradReduce.map((r) => `${opts.gridradField}:${gridradReduceLabel(r)}`),
    readWindow: async (y, x, h, w) => planes.map((p) => {
      const out = new Float32Array(h * w);
      for (let r = 0; r < h; r++) out.set(p.subarray((y + r) * nx + x, (y + r) * nx + x + w), r * w);
      return out;
    }),
  };
}

function toFloat32Exact(t: { dtype: string; data: ArrayLike<number | bigint> }, where: string): Float64Array {
  const out = new Float64Array(t.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Number(t.data[i]!);
  if (t.dtype.startsWith('float')) for (const v of out) if (!Number.isInteger(v)) throw new GridradDataError(`${where}: non-integer index ${v}`, { field: 'variable index' });
  return out;
}

/**
 * Opens the channels of a file: the GridRad sparse layout when present, else the 2-D `variables`
 * that exist. Returns undefined when none of them exists (the original's "skipped (no channels)").
 * @throws Error naming the file and variable for non-2-D variables or channels of different shapes
 */
export async function openChannels(file: NetcdfFile, options: Partial<ChannelOptions> = {}): Promise<ChannelSource | undefined> {
  const opts = { ...DEFAULT_CHANNEL_OPTIONS, ...options };
  if (isGridradSparse(file, opts.gridradField)) return gridradSource(file, opts);
  const present = opts.variables.map((n) => file.variable(n)).filter((v): v is NetcdfVariable => !!v);
  const missing = opts.variables.filter((n) => !file.variable(n));
  if (present.length === 0) return undefined;
  const layouts = present.map((v) => ({ v, sd: spatialDims(file, v) }));
  const first = layouts[0]!;
  const height = first.v.shape[first.sd[0]!]!, width = first.v.shape[first.sd[1]!]!;
  for (const { v, sd } of layouts) {
    if (v.shape[sd[0]!] !== height || v.shape[sd[1]!] !== width) {
      throw new GridradDataError(`${file.path}: variable ${v.name} is ${v.shape[sd[0]!]}×${v.shape[sd[1]!]} but ${first.v.name} is ${height}×${width}`, { file: file.path, field: v.name });
    }
  }
  return {
    layout: 'grid2d', height, width, missing, names: present.map((v) => v.name),
    readWindow: async (y, x, h, w) => {
      const out: Float32Array[] = [];
      for (const { v, sd } of layouts) {
        const start = v.shape.map(() => 0), count = v.shape.map(() => 1);
        start[sd[0]!] = y; start[sd[1]!] = x; count[sd[0]!] = h; count[sd[1]!] = w;
        const t = await file.readVariable(v.name, { start, count });
        out.push(t.dtype === 'float32' ? (t.data as Float32Array) : toFloat32(t));
      }
      return out;
    },
  };
}
