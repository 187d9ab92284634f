import { DTYPE_SIZE, fromBytes, type DType, type Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';
import { contiguousStrides, gatherStrided, stridedExtent, swapBytes } from '../formats/strided.js';
import { asSource, type ByteSource } from '../formats/source.js';
import { listZip, readZipEntry, type ZipEntry, type ZipReadOptions } from '../zip/read.js';
import { PyGlobal, unpickle } from './pickle-read.js';
import { STORAGE_DTYPE, TORCH_DTYPE_GLOBALS } from './storage-types.js';
import { isTensor, type PtValue } from './value.js';

interface Storage { dtype: DType; key: string; bytes?: Uint8Array }

const REBUILD = new Set([
  'torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor', 'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state', 'torch.nn.parameter.Parameter',
  'collections.OrderedDict', 'torch.serialization._get_layout', 'torch.Size', 'torch.device',
]);

/** Is `module.name` on the weights-only allow-list? */
export function isAllowedPtGlobal(module: string, name: string): boolean {
  if (REBUILD.has(`${module}.${name}`)) return true;
  if (module === 'torch' && (name in STORAGE_DTYPE || name in TORCH_DTYPE_GLOBALS)) return true;
  return module === 'torch.storage' && name === 'UntypedStorage';
}

/**
 * Reads a PyTorch file written by `torch.save` (the zip format of torch >= 1.6: `<folder>/data.pkl`
 * plus `<folder>/data/<key>` storages). Unpickling is safe, like `torch.load(weights_only=True)`:
 * only rebuild functions, storage/dtype classes and `collections.OrderedDict` are allowed; any other
 * global is a {@link TensorIOError} naming it. Views (storage offset and strides) are materialised in
 * C order; contiguous tensors of a little-endian file are views on `bytes` (tensors sharing a storage
 * then share memory, as in torch). From a {@link ByteSource} (`fileSource(path)`) the archive is
 * read record by record (any file size; memory = the storages). Tuples become arrays, dict keys strings, ints beyond 2^53 bigints.
 */
export function readPt(input: Uint8Array | ByteSource, name = '<pt>', options: Partial<ZipReadOptions> = {}): PtValue {
  const bytes = asSource(input, name);
  const magic = bytes.read(0, Math.min(4, bytes.size));
  if (magic.byteLength >= 2 && magic[0] === 0x80 && magic[1]! <= 5) {
    throw new TensorIOError('legacy (pre-1.6, non-zip) torch.save format is not supported; re-save it with torch >= 1.6', { file: name, offset: 0 });
  }
  if (magic.byteLength < 4 || magic[0] !== 0x50 || magic[1] !== 0x4b) throw new TensorIOError('bad magic: not a PyTorch zip file', { file: name, offset: 0, field: 'magic' });
  const entries = listZip(bytes, name);
  const pkl = entries.find((e) => e.name === 'data.pkl' || /^[^/]*\/data\.pkl$/.test(e.name));
  if (!pkl) throw new TensorIOError('no data.pkl in archive (not a torch.save file)', { file: name, field: 'data.pkl' });
  const prefix = pkl.name.slice(0, pkl.name.length - 'data.pkl'.length);
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name, e]));
  const bo = byName.get(`${prefix}byteorder`);
  const bigEndian = bo ? new TextDecoder().decode(readZipEntry(bytes, bo, name, options)).trim() === 'big' : false;
  const storages = new Map<string, Storage>();

  const storageBytes = (s: Storage): Uint8Array => {
    if (s.bytes) return s.bytes;
    const e = byName.get(`${prefix}data/${s.key}`);
    if (!e) throw new TensorIOError(`storage record '${prefix}data/${s.key}' is missing`, { file: name, field: `data/${s.key}` });
    let b = readZipEntry(bytes, e, `${name}:${e.name}`, options);
    if (bigEndian && DTYPE_SIZE[s.dtype] > 1) b = swapBytes(b, DTYPE_SIZE[s.dtype]);
    s.bytes = b;
    return b;
  };

  const rebuild = (storage: unknown, offset: unknown, size: unknown, stride: unknown): Tensor => {
    if (!storage || typeof storage !== 'object' || !('key' in storage)) throw new TensorIOError('first argument of a tensor rebuild is not a storage', { file: name, field: 'storage' });
    const s = storage as Storage;
    const shape = ints(size, 'size');
    const strides = ints(stride, 'stride');
    if (typeof offset !== 'number' || offset < 0 || !Number.isInteger(offset)) throw new TensorIOError(`bad storage offset ${String(offset)}`, { file: name, field: `data/${s.key}` });
    if (strides.length !== shape.length) throw new TensorIOError(`size has ${shape.length} dims but stride has ${strides.length}`, { file: name, field: `data/${s.key}` });
    const itemSize = DTYPE_SIZE[s.dtype];
    const b = storageBytes(s);
    const extent = stridedExtent(shape, strides);
    const have = b.byteLength / itemSize;
    if (extent > 0 && offset + extent > have) {
      throw new TensorIOError(`tensor view (offset ${offset}, size [${shape.join(', ')}], stride [${strides.join(', ')}]) needs ${offset + extent} elements, storage data/${s.key} has ${have}`, { file: name, field: `data/${s.key}` });
    }
    const c = contiguousStrides(shape);
    const contiguous = shape.every((d, k) => d <= 1 || strides[k] === c[k]);
    const n = shape.reduce((a, d) => a * d, 1);
    const data = contiguous ? b.subarray(offset * itemSize, (offset + n) * itemSize) : gatherStrided(b, itemSize, shape, strides, offset);
    return fromBytes(s.dtype, shape, data);
  };

  const value = unpickle(readZipEntry(bytes, pkl, name, options), {
    allowGlobal: isAllowedPtGlobal,
    persistentLoad(pid) {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) throw new TensorIOError(`unsupported persistent id ${JSON.stringify(pid)}`, { file: name, field: 'persistent_id' });
      const [, type, key, , numel] = pid as [string, unknown, unknown, unknown, unknown];
      if (!(type instanceof PyGlobal) || !(type.name in STORAGE_DTYPE)) throw new TensorIOError(`unknown storage type ${String(type instanceof PyGlobal ? type.fullName : type)}`, { file: name, field: 'storage_type' });
      if (typeof key !== 'string' || !/^[\w.-]+$/.test(key)) throw new TensorIOError(`bad storage key ${JSON.stringify(key)}`, { file: name, field: 'storage_key' });
      if (typeof numel !== 'number') throw new TensorIOError('bad storage size', { file: name, field: `data/${key}` });
      let s = storages.get(key);
      if (!s) { s = { dtype: STORAGE_DTYPE[type.name]!, key }; storages.set(key, s); }
      return s;
    },
    call(fn, args) {
      switch (fn.fullName) {
        case 'torch._utils._rebuild_tensor_v2': case 'torch._utils._rebuild_tensor': return rebuild(args[0], args[1], args[2], args[3]);
        case 'torch._utils._rebuild_parameter': case 'torch._utils._rebuild_parameter_with_state': case 'torch.nn.parameter.Parameter':
          if (!isTensor(args[0])) throw new TensorIOError('Parameter data is not a tensor', { file: name, field: fn.fullName });
          return args[0];
        case 'collections.OrderedDict': {
          const m = new Map<unknown, unknown>();
          for (const kv of (Array.isArray(args[0]) ? args[0] : []) as unknown[][]) m.set(kv[0], kv[1]);
          return m;
        }
        case 'torch.Size': return [...((args[0] as unknown[]) ?? [])];
        case 'torch.serialization._get_layout': case 'torch.device': return String(args[0]);
        default: throw new Error(`calling ${fn.fullName} is not allowed`);
      }
    },
  }, `${name}:${pkl.name}`);
  return toPtValue(value, name, 0);
}

function ints(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) {
    throw new Error(`bad ${what} ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x))}`);
  }
  return v as number[];
}

function toPtValue(v: unknown, name: string, depth: number): PtValue {
  if (depth > 1000) throw new TensorIOError('object nesting deeper than 1000 levels (or a reference cycle)', { file: name });
  if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (isTensor(v)) return v;
  if (v instanceof PyGlobal) return v.fullName;
  if (Array.isArray(v)) return v.map((x) => toPtValue(x, name, depth + 1));
  if (v instanceof Map) {
    const o: { [k: string]: PtValue } = {};
    for (const [k, x] of v) o[String(k)] = toPtValue(x, name, depth + 1);
    return o;
  }
  if (v instanceof Uint8Array) throw new TensorIOError('bytes values are not supported in .pt objects', { file: name });
  throw new TensorIOError('unexpected object in pickle (a storage outside a tensor?)', { file: name });
}
