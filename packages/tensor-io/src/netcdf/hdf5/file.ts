/**
 * {@link NetcdfFile} for netCDF-4 (HDF5) files through h5wasm. Dimensions come from HDF5
 * dimension scales (as netCDF-C writes them); plain HDF5 datasets without scales get
 * `phony_dim_N` dimensions like netCDF-C gives them. Only the root group is exposed.
 */
import { resolve } from 'node:path';
import type { DType, Tensor } from '../../tensor.js';
import { tensor } from '../../tensor.js';
import { finishRead, requireVariable } from '../finish.js';
import { resolveHyperslab } from '../hyperslab.js';
import {
  NC_TYPE_DTYPE, NetcdfError, type MaskedTensor, type NcAttribute, type NetcdfDimension, type NetcdfFile,
  type NetcdfVariable, type ReadVariableOptions,
} from '../types.js';
import { hdf5Message, loadH5, type Dataset, type H5File } from './h5.js';
import { DIM_ONLY_NAME, HIDDEN_ATTRIBUTES, ncTypeOf, toNcAttribute, type H5TypeMeta } from './meta.js';

const NON_COORD = '_nc4_non_coord_';

function attributesOf(obj: { attrs: Record<string, { metadata: unknown; value: unknown }> }): Record<string, NcAttribute> {
  const out: Record<string, NcAttribute> = {};
  const attrs = obj.attrs;
  for (const name of Object.keys(attrs)) {
    if (HIDDEN_ATTRIBUTES.has(name)) continue;
    const a = attrs[name]!;
    const conv = toNcAttribute(a.metadata as H5TypeMeta, ncTypeOf(a.metadata as H5TypeMeta) === 'unsupported' ? null : a.value);
    if (conv) out[name] = conv;
  }
  return out;
}

function textAttr(ds: Dataset, name: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(ds.attrs, name)) return undefined;
  const v = ds.attrs[name]!.value;
  return Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : undefined;
}

/** An open netCDF-4 file. Create with {@link openNc4}. */
export class Nc4File implements NetcdfFile {
  readonly format = 'netcdf4' as const;
  readonly dimensions: NetcdfDimension[] = [];
  readonly attributes: Record<string, NcAttribute>;
  readonly variables: NetcdfVariable[] = [];
  private readonly datasets = new Map<string, string>();
  private closed = false;

  constructor(readonly path: string, private readonly f: H5File) {
    this.attributes = attributesOf(f as never);
    const scales: { key: string; id: number; order: number; size: number; unlimited: boolean }[] = [];
    const datasets: [string, Dataset][] = [];
    f.keys().forEach((key, order) => {
      const ds = f.get(key) as Dataset | null;
      if (!ds || (ds as { type?: string }).type !== 'Dataset') return;
      datasets.push([key, ds]);
      if (textAttr(ds, 'CLASS') !== 'DIMENSION_SCALE') return;
      const idAttr = Object.prototype.hasOwnProperty.call(ds.attrs, '_Netcdf4Dimid') ? Number(ds.attrs['_Netcdf4Dimid']!.value) : NaN;
      const m = ds.metadata;
      const max = m.maxshape?.[0];
      scales.push({ key, id: Number.isNaN(idAttr) ? 1e9 + order : idAttr, order, size: m.shape?.[0] ?? 0, unlimited: max === null || (max !== undefined && max > 2 ** 53) });
    });
    scales.sort((a, b) => a.id - b.id || a.order - b.order);
    for (const s of scales) this.dimensions.push({ name: s.key, size: s.size, unlimited: s.unlimited });
    const phony = new Map<number, string>();
    for (const [key, ds] of datasets) {
      const isScale = textAttr(ds, 'CLASS') === 'DIMENSION_SCALE';
      if (isScale && (textAttr(ds, 'NAME') ?? '').startsWith(DIM_ONLY_NAME)) continue;
      const m = ds.metadata;
      const shape = m.shape ?? [];
      const dims = shape.map((size, i) => {
        if (isScale && shape.length === 1) return key;
        let attached: string[] = [];
        try { attached = ds.get_attached_scales(i); } catch { attached = []; }
        if (attached.length > 0) return attached[0]!.slice(attached[0]!.lastIndexOf('/') + 1);
        let name = phony.get(size);
        if (!name) {
          name = `phony_dim_${phony.size}`;
          phony.set(size, name);
          this.dimensions.push({ name, size, unlimited: false });
        }
        return name;
      });
      const ncType = ncTypeOf(m as H5TypeMeta);
      const dtype = ncType === 'char' || ncType === 'string' || ncType === 'unsupported'
        ? ncType : NC_TYPE_DTYPE[ncType];
      const name = key.startsWith(NON_COORD) ? key.slice(NON_COORD.length) : key;
      this.datasets.set(name, key);
      this.variables.push({ name, ncType, dtype, dims, shape: [...shape], attributes: attributesOf(ds as never) });
    }
    // An unlimited dimension without a coordinate variable keeps a 0-length scale: its length is the
    // longest extent of the variables using it (as netCDF-C reports it).
    for (const d of this.dimensions) {
      if (!d.unlimited) continue;
      for (const v of this.variables) v.dims.forEach((n, i) => { if (n === d.name) d.size = Math.max(d.size, v.shape[i] ?? 0); });
    }
  }

  variable(name: string): NetcdfVariable | undefined {
    return this.variables.find((v) => v.name === name);
  }

  readVariable(name: string, options: ReadVariableOptions & { mask: true }): Promise<MaskedTensor>;
  readVariable(name: string, options?: ReadVariableOptions): Promise<Tensor>;
  async readVariable(name: string, options: ReadVariableOptions = {}): Promise<Tensor | MaskedTensor> {
    if (this.closed) throw new NetcdfError(this.path, 'file is closed', name);
    const v = requireVariable(this.path, this.variables, name);
    const sel = resolveHyperslab(this.path, name, v.dims, v.shape, options);
    const n = sel.count.reduce((a, b) => a * b, 1);
    const dtype: DType = v.dtype === 'char' ? 'uint8' : (v.dtype as DType);
    let raw: Tensor;
    if (n === 0) {
      raw = tensor(dtype, sel.count, new (NC_CTOR[dtype])(0) as never);
    } else {
      const ds = this.f.get(this.datasets.get(name)!) as Dataset;
      let data: unknown;
      try {
        data = v.shape.length === 0 ? ds.value
          : ds.slice(sel.start.map((s, i) => [s, s + (sel.count[i]! - 1) * sel.stride[i]! + 1, sel.stride[i]!]) as never);
      } catch (err) {
        throw new NetcdfError(this.path, `HDF5 read failed: ${hdf5Message(err)}`, name);
      }
      raw = toTensor(dtype, sel.count, data, v.dtype === 'char');
    }
    return finishRead(this.path, v, raw, options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.f.close();
  }
}

const NC_CTOR: Record<DType, new (n: number) => unknown> = {
  bool: Uint8Array, uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array,
  int32: Int32Array, uint64: BigUint64Array, int64: BigInt64Array, float16: Uint16Array, bfloat16: Uint16Array,
  float32: Float32Array, float64: Float64Array,
};

function toTensor(dtype: DType, shape: number[], data: unknown, isChar: boolean): Tensor {
  if (isChar) {
    const strs = Array.isArray(data) ? (data as string[]) : [String(data)];
    const out = new Uint8Array(strs.length);
    strs.forEach((s, i) => { out[i] = s.length ? s.charCodeAt(0) & 0xff : 0; });
    return tensor('uint8', shape, out);
  }
  if (ArrayBuffer.isView(data)) return tensor(dtype, shape, data as never);
  const Ctor = NC_CTOR[dtype] as unknown as { of(...xs: unknown[]): unknown };
  return tensor(dtype, shape, Ctor.of(data) as never);
}

/** Opens a netCDF-4/HDF5 file read-only through h5wasm (host file, no copy). */
export async function openNc4(path: string): Promise<Nc4File> {
  const h5 = await loadH5();
  let f: H5File;
  try {
    f = new h5.File(resolve(path), 'r');
  } catch (err) {
    throw new NetcdfError(path, `cannot open as HDF5/netCDF-4: ${hdf5Message(err)}`);
  }
  try {
    return new Nc4File(path, f);
  } catch (err) {
    f.close();
    throw err instanceof NetcdfError ? err : new NetcdfError(path, `cannot read netCDF-4 metadata: ${hdf5Message(err)}`);
  }
}
