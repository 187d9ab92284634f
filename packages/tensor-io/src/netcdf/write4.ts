/**
 * netCDF-4 writer on h5wasm: an HDF5 file laid out the way netCDF-C writes it (dimension scales
 * with `CLASS`/`NAME`/`REFERENCE_LIST`, `DIMENSION_LIST` on variables, `_Netcdf4Dimid`,
 * creation-order tracking), so netCDF4-python, xarray and ncdump read it as netCDF-4.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { DTYPE_SIZE, toFloat32, type Tensor } from '../tensor.js';
import { hdf5Message, loadH5, type Dataset, type H5File } from './hdf5/h5.js';
import { DIM_ONLY_NAME } from './hdf5/meta.js';
import { NetcdfError, type NcAttribute, type NcType } from './types.js';
import {
  checkSpec, defaultChunks, DEFAULT_WRITE_NETCDF4_OPTIONS, DTYPE_NC_TYPE, normaliseAttribute,
  type NetcdfWriteSpec, type WriteNetcdf4Options,
} from './write-spec.js';

const H5_DTYPE: Partial<Record<NcType, string>> = {
  byte: '<b', ubyte: '<B', short: '<h', ushort: '<H', int: '<i', uint: '<I', int64: '<q', uint64: '<Q', float: '<f', double: '<d',
};
const ATTR_ARRAY: Partial<Record<NcType, { from(xs: ArrayLike<never>): unknown }>> = {
  byte: Int8Array, ubyte: Uint8Array, short: Int16Array, ushort: Uint16Array, int: Int32Array, uint: Uint32Array,
  int64: BigInt64Array, uint64: BigUint64Array, float: Float32Array, double: Float64Array,
};

type HasAttrs = { create_attribute(name: string, data: unknown, shape?: number[] | null, dtype?: string | null): void };

function writeAttribute(obj: HasAttrs, name: string, a: NcAttribute): void {
  if (a.type === 'char') {
    const s = typeof a.value === 'string' ? a.value : (a.value as unknown[]).join('');
    const bytes = Buffer.byteLength(s, 'utf8');
    obj.create_attribute(name, s, [], `S${Math.max(1, bytes)}`);
  } else if (a.type === 'string') {
    const arr = typeof a.value === 'string' ? [a.value] : (a.value as string[]).map(String);
    obj.create_attribute(name, arr, [arr.length], null);
  } else {
    const Ctor = ATTR_ARRAY[a.type];
    if (!Ctor) throw new Error(`attribute '${name}': cannot write type ${a.type}`);
    const vals = (a.value as (number | bigint)[]).map((x) => (a.type === 'int64' || a.type === 'uint64' ? BigInt(x) : Number(x)));
    obj.create_attribute(name, Ctor.from(vals as never), [vals.length], H5_DTYPE[a.type]!);
  }
}

function storable(t: Tensor): { data: Tensor['data']; type: NcType } {
  if (t.dtype === 'float16' || t.dtype === 'bfloat16') return { data: toFloat32(t), type: 'float' };
  if (t.dtype === 'bool') return { data: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.length), type: 'ubyte' };
  return { data: t.data, type: DTYPE_NC_TYPE[t.dtype] };
}

/**
 * Writes `spec` as a netCDF-4 file at `path`, atomically (temp file in the same folder, fsync,
 * rename). Variables named like a dimension with dims `[name]` become its coordinate variable;
 * other dimensions get netCDF's "dimension but not a variable" scales.
 */
export async function writeNetcdf4(path: string, spec: NetcdfWriteSpec, options: Partial<WriteNetcdf4Options> = {}): Promise<void> {
  const opts = { ...DEFAULT_WRITE_NETCDF4_OPTIONS, ...options };
  const dims = checkSpec(path, spec);
  const h5 = await loadH5();
  const abs = resolve(path);
  await mkdir(dirname(abs), { recursive: true });
  const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let f: H5File | undefined;
  let current: string | undefined;
  try {
    f = new h5.File(tmp, 'w', { track_order: true });
    const file = f;
    const scalePath = new Map<string, string>();
    const create = (dsName: string, t: Tensor, dimNames: string[], compression?: number, chunks?: number[]): Dataset => {
      const { data, type } = storable(t);
      const shape = [...t.shape];
      const unlimited = dimNames.map((d) => dims.get(d)!.unlimited);
      const level = compression ?? (data.length >= opts.minCompressElements ? opts.compression : 0);
      const chunked = shape.length > 0 && (level > 0 || unlimited.some(Boolean) || chunks !== undefined);
      return file.create_dataset({
        name: dsName, data: data as never, shape, dtype: H5_DTYPE[type]!, track_order: true,
        ...(chunked ? { chunks: chunks ?? defaultChunks(shape, DTYPE_SIZE[t.dtype]) } : {}),
        ...(chunked && level > 0 ? { compression: level } : {}),
        ...(unlimited.some(Boolean) ? { maxshape: shape.map((s, i) => (unlimited[i] ? null : s)) } : {}),
      });
    };
    const addAttrs = (ds: HasAttrs, attrs: Record<string, unknown> | undefined, varType?: NcType): void => {
      for (const [k, a] of Object.entries(attrs ?? {})) writeAttribute(ds, k, normaliseAttribute(k, a as never, varType));
    };
    let dimid = 0;
    for (const [name, d] of dims) {
      current = name;
      const coord = spec.variables[name];
      const isCoord = coord !== undefined && coord.dims.length === 1 && coord.dims[0] === name;
      const ds = isCoord
        ? create(name, coord.data, [name], coord.compression, coord.chunks)
        : create(name, { dtype: 'float32', shape: [d.size], data: new Float32Array(d.size) }, [name], d.size >= 4096 ? 1 : 0);
      ds.make_scale(isCoord ? name : `${DIM_ONLY_NAME}${String(d.size).padStart(10)}`);
      ds.create_attribute('_Netcdf4Dimid', new Int32Array([dimid++]), [], '<i');
      if (isCoord) addAttrs(ds as never, coord.attributes, storable(coord.data).type);
      scalePath.set(name, `/${name}`);
    }
    for (const [name, v] of Object.entries(spec.variables)) {
      current = name;
      if (v.dims.length === 1 && v.dims[0] === name) continue;
      const dsName = dims.has(name) ? `_nc4_non_coord_${name}` : name;
      const ds = create(dsName, v.data, v.dims, v.compression, v.chunks);
      v.dims.forEach((d, i) => ds.attach_scale(i, scalePath.get(d)!));
      addAttrs(ds as never, v.attributes, storable(v.data).type);
    }
    current = undefined;
    addAttrs(file as never, spec.attributes);
    file.close();
    f = undefined;
    const fh = await open(tmp, 'r');
    try { await fh.sync(); } finally { await fh.close(); }
    await rename(tmp, abs);
  } catch (err) {
    try { f?.close(); } catch { /* already failing */ }
    await rm(tmp, { force: true });
    if (err instanceof NetcdfError) throw err;
    throw new NetcdfError(path, `writing netCDF-4 failed: ${hdf5Message(err)}`, current);
  }
}
