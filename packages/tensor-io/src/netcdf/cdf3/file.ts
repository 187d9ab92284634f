/** {@link NetcdfFile} for netCDF-3 (CDF-1, CDF-2, CDF-5), read with bounded, positioned reads. */
import { open, type FileHandle } from 'node:fs/promises';
import type { DType, Tensor } from '../../tensor.js';
import { fromBytes } from '../../tensor.js';
import { finishRead, requireVariable } from '../finish.js';
import { resolveHyperslab } from '../hyperslab.js';
import {
  NC_TYPE_DTYPE, NetcdfError, type MaskedTensor, type NcAttribute, type NetcdfDimension, type NetcdfFile,
  type NetcdfFormat, type NetcdfVariable, type ReadVariableOptions,
} from '../types.js';
import { cdf3TypeSize, HeaderTruncated, parseCdf3Header, type Cdf3Header, type Cdf3Var } from './header.js';
import { readSlab, swapInPlace, type SlabLayout } from './slab.js';
import { TensorIOError } from '../../formats/errors.js';

/** Largest header we are willing to buffer (names and attributes only; data is never buffered). */
const MAX_HEADER = 256 << 20;

interface Layout extends SlabLayout { ncType: Cdf3Var['ncType'] }

/** An open netCDF-3 file. Create with {@link openCdf3}. */
export class Cdf3File implements NetcdfFile {
  readonly variables: NetcdfVariable[];
  readonly dimensions: NetcdfDimension[];
  readonly attributes: Record<string, NcAttribute>;
  readonly format: NetcdfFormat;
  private readonly layouts = new Map<string, Layout>();
  private closed = false;

  constructor(readonly path: string, private readonly fh: FileHandle, private readonly fileSize: number, h: Cdf3Header) {
    this.format = h.format;
    this.attributes = h.attributes;
    const recVars = h.vars.filter((v) => v.isRecord);
    const slabBytes = (v: Cdf3Var): number =>
      v.dimIds.slice(v.isRecord ? 1 : 0).reduce((a, id) => a * h.dims[id]!.size, cdf3TypeSize(v.ncType));
    const pad4 = (n: number): number => n + ((4 - (n % 4)) % 4);
    const recSize = recVars.length === 1 ? slabBytes(recVars[0]!) : recVars.reduce((a, v) => a + pad4(slabBytes(v)), 0);
    let numrecs = h.numrecs;
    if (numrecs < 0) {
      const first = Math.min(...recVars.map((v) => v.begin));
      numrecs = recVars.length && recSize > 0 ? Math.max(0, Math.floor((fileSize - first) / recSize)) : 0;
    }
    this.dimensions = h.dims.map((d) => ({ ...d, size: d.unlimited ? numrecs : d.size }));
    this.variables = h.vars.map((v) => {
      const shape = v.dimIds.map((id) => this.dimensions[id]!.size);
      this.layouts.set(v.name, {
        begin: v.begin, shape, elemSize: cdf3TypeSize(v.ncType), ncType: v.ncType,
        ...(v.isRecord ? { recordStride: recSize } : {}),
      });
      const dtype = v.ncType === 'char' ? 'char' : NC_TYPE_DTYPE[v.ncType as keyof typeof NC_TYPE_DTYPE];
      return { name: v.name, ncType: v.ncType, dtype, dims: v.dimIds.map((id) => h.dims[id]!.name), shape, attributes: v.attributes };
    });
  }

  variable(name: string): NetcdfVariable | undefined {
    return this.variables.find((v) => v.name === name);
  }

  readVariable(name: string, options: ReadVariableOptions & { mask: true }): Promise<MaskedTensor>;
  readVariable(name: string, options?: ReadVariableOptions): Promise<Tensor>;
  async readVariable(name: string, options: ReadVariableOptions = {}): Promise<Tensor | MaskedTensor> {
    if (this.closed) throw new NetcdfError(this.path, 'file is closed', name);
    const v = requireVariable(this.path, this.variables, name);
    const layout = this.layouts.get(name)!;
    const sel = resolveHyperslab(this.path, name, v.dims, v.shape, options);
    const n = sel.count.reduce((a, b) => a * b, 1);
    const dtype: DType = v.dtype === 'char' ? 'uint8' : (v.dtype as DType);
    const bytes = new Uint8Array(n * layout.elemSize);
    try {
      await readSlab(this.fh, this.fileSize, layout, sel, bytes);
    } catch (err) {
      throw new NetcdfError(this.path, (err as Error).message, name, err instanceof TensorIOError ? err.offset : undefined);
    }
    swapInPlace(bytes, layout.elemSize);
    const raw = fromBytes(dtype, sel.count, bytes);
    return finishRead(this.path, v, raw, options);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close();
  }
}

/** Opens a netCDF-3 file: parses its header (bounded) and keeps a handle for hyperslab reads. */
export async function openCdf3(path: string): Promise<Cdf3File> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    let want = Math.min(size, 1 << 16);
    for (;;) {
      const buf = new Uint8Array(want);
      const { bytesRead } = await fh.read(buf, 0, want, 0);
      const whole = bytesRead >= size;
      try {
        const h = parseCdf3Header(buf.subarray(0, bytesRead), whole);
        return new Cdf3File(path, fh, size, h);
      } catch (err) {
        if (!(err instanceof HeaderTruncated)) throw new NetcdfError(path, `netCDF-3 ${(err as Error).message}`, undefined, err instanceof TensorIOError ? err.offset : undefined);
        if (want >= MAX_HEADER) throw new NetcdfError(path, `netCDF-3 header larger than ${MAX_HEADER} bytes`);
        want = Math.min(size, want * 4, MAX_HEADER);
      }
    }
  } catch (err) {
    await fh.close();
    throw err;
  }
}
