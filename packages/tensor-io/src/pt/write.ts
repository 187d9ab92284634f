import { numel, toBytes, type Tensor } from '../tensor.js';
import { TensorIOError } from '../formats/errors.js';
import { contiguousStrides } from '../formats/strided.js';
import { writeZip, type ZipInput } from '../zip/write.js';
import { DTYPE_STORAGE } from './storage-types.js';
import { isTensor, type PtValue } from './value.js';

/** Options of {@link writePt}. */
export interface PtWriteOptions {
  /** Folder name inside the zip (torch uses the file stem; any name loads). */
  archiveName: string;
}

/** Default .pt writer options. */
export const DEFAULT_PT_WRITE_OPTIONS: PtWriteOptions = { archiveName: 'archive' };

const enc = new TextEncoder();

/** Builds a protocol-2 pickle byte by byte. */
class PickleWriter {
  private chunks: number[] = [];
  private out: Uint8Array[] = [];
  byte(...b: number[]): void { for (const x of b) this.chunks.push(x); if (this.chunks.length > 65536) this.flush(); }
  bytes(b: Uint8Array): void { this.flush(); this.out.push(b); }
  u32(v: number): void { this.byte(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff); }
  str(s: string): void { const b = enc.encode(s); this.byte(0x58); this.u32(b.byteLength); this.bytes(b); }
  global(module: string, name: string): void { this.byte(0x63); this.bytes(enc.encode(`${module}\n${name}\n`)); }
  int(v: number | bigint): void {
    if (typeof v === 'number' && v >= 0 && v < 256) this.byte(0x4b, v);
    else if (typeof v === 'number' && v >= 0 && v < 65536) this.byte(0x4d, v & 0xff, v >>> 8);
    else if (typeof v === 'number' && v >= -(2 ** 31) && v < 2 ** 31) { this.byte(0x4a); this.u32(v >>> 0); }
    else {
      // LONG1: little-endian two's complement, minimal length.
      let x = BigInt(v);
      const b: number[] = [];
      for (;;) {
        b.push(Number(x & 0xffn));
        x >>= 8n;
        if ((x === 0n && !(b[b.length - 1]! & 0x80)) || (x === -1n && b[b.length - 1]! & 0x80)) break;
      }
      this.byte(0x8a, b.length, ...b);
    }
  }
  float(v: number): void { const b = new Uint8Array(8); new DataView(b.buffer).setFloat64(0, v, false); this.byte(0x47, ...b); }
  tuple(items: (() => void)[]): void { this.byte(0x28); for (const f of items) f(); this.byte(0x74); }
  finish(): Uint8Array { this.flush(); const n = this.out.reduce((a, b) => a + b.byteLength, 0); const r = new Uint8Array(n); let p = 0; for (const b of this.out) { r.set(b, p); p += b.byteLength; } return r; }
  private flush(): void { if (this.chunks.length) { this.out.push(Uint8Array.from(this.chunks)); this.chunks = []; } }
}

/**
 * Serialises a value as a `torch.save` zip file (pickle protocol 2, `data/N` storages, `version` 3,
 * `byteorder` little, 64-byte aligned records) that `torch.load(f, weights_only=True)` loads. Each
 * tensor gets a storage holding only its own bytes; the same Tensor object appearing twice shares
 * one storage. Python floats are written with BINFLOAT, which torch < 2.0 refuses in weights-only mode.
 * @throws TensorIOError for values torch cannot represent (uint16/32/64 tensors, undefined, functions)
 */
export function writePt(value: PtValue, options: Partial<PtWriteOptions> = {}): Uint8Array {
  const { archiveName } = { ...DEFAULT_PT_WRITE_OPTIONS, ...options };
  const w = new PickleWriter();
  const storages: Tensor[] = [];
  const keyOf = new Map<Tensor, number>();
  const path: string[] = [];
  const fail = (msg: string): never => { throw new TensorIOError(msg, { field: path.join('.') || '<root>' }); };

  const emit = (v: PtValue, depth: number): void => {
    if (depth > 1000) fail('nesting deeper than 1000 levels (or a cycle)');
    if (v === null) w.byte(0x4e);
    else if (v === true) w.byte(0x88);
    else if (v === false) w.byte(0x89);
    else if (typeof v === 'bigint') w.int(v);
    else if (typeof v === 'number') { if (Number.isSafeInteger(v)) w.int(v); else w.float(v); }
    else if (typeof v === 'string') w.str(v);
    else if (isTensor(v)) tensor(v);
    else if (Array.isArray(v)) {
      w.byte(0x5d);
      for (let k = 0; k < v.length; k += 1000) {
        w.byte(0x28);
        for (let j = k; j < Math.min(v.length, k + 1000); j++) { path.push(String(j)); emit(v[j]!, depth + 1); path.pop(); }
        w.byte(0x65);
      }
    } else if (typeof v === 'object') {
      w.byte(0x7d);
      const entries = Object.entries(v);
      for (let k = 0; k < entries.length; k += 1000) {
        w.byte(0x28);
        for (const [key, x] of entries.slice(k, k + 1000)) { w.str(key); path.push(key); emit(x, depth + 1); path.pop(); }
        w.byte(0x75);
      }
    } else fail(`cannot store a ${typeof v} in a .pt file`);
  };

  const tensor = (t: Tensor): void => {
    const storageName = DTYPE_STORAGE[t.dtype];
    if (!storageName) fail(`dtype ${t.dtype} cannot be saved for torch < 2.3; convert it first`);
    const n = numel(t.shape);
    if (t.data.length !== n) fail(`tensor has ${t.data.length} elements but shape [${t.shape.join(', ')}]`);
    let key = keyOf.get(t);
    if (key === undefined) { key = storages.length; storages.push(t); keyOf.set(t, key); }
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.tuple([
      () => { w.tuple([() => w.str('storage'), () => w.global('torch', storageName!), () => w.str(String(key)), () => w.str('cpu'), () => w.int(n)]); w.byte(0x51); },
      () => w.int(0),
      () => w.tuple(t.shape.map((d) => () => w.int(d))),
      () => w.tuple(contiguousStrides(t.shape).map((d) => () => w.int(d))),
      () => w.byte(0x89),
      () => { w.global('collections', 'OrderedDict'); w.byte(0x29, 0x52); },
    ]);
    w.byte(0x52);
  };

  w.byte(0x80, 0x02);
  emit(value, 0);
  w.byte(0x2e);
  const files: ZipInput[] = [
    { name: `${archiveName}/data.pkl`, data: w.finish() },
    { name: `${archiveName}/byteorder`, data: enc.encode('little') },
    ...storages.map((t, k) => ({ name: `${archiveName}/data/${k}`, data: toBytes(t) })),
    { name: `${archiveName}/version`, data: enc.encode('3\n') },
  ];
  return writeZip(files, { align: 64 });
}
