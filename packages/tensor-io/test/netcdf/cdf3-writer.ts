/**
 * A minimal netCDF-3 classic (CDF-1) writer used only by tests and the benchmark to make larger
 * files than the committed goldens (fixed and record variables of short/int/float/double, no attributes).
 */
export interface Cdf3TestVar { name: string; dims: string[]; type: 'short' | 'int' | 'float' | 'double'; values: ArrayLike<number> }

const CODE = { short: 3, int: 4, float: 5, double: 6 } as const;
const SIZE = { short: 2, int: 4, float: 4, double: 8 } as const;
const pad4 = (n: number): number => n + ((4 - (n % 4)) % 4);

/** Encodes a CDF-1 file; `dims` with size 0 is the record dimension, `numrecs` its length. */
export function encodeCdf3(dims: [string, number][], vars: Cdf3TestVar[], numrecs = 0): Uint8Array {
  const enc = new TextEncoder();
  const dimSize = (d: string): number => { const e = dims.find(([n]) => n === d)!; return e[1] === 0 ? numrecs : e[1]; };
  const isRec = (v: Cdf3TestVar): boolean => v.dims.length > 0 && dims.find(([n]) => n === v.dims[0])![1] === 0;
  const slab = (v: Cdf3TestVar): number => v.dims.slice(isRec(v) ? 1 : 0).reduce<number>((a, d) => a * dimSize(d), SIZE[v.type]);
  let hsize = 4 + 4 + 8 + dims.reduce((a, [n]) => a + 4 + pad4(enc.encode(n).length) + 4, 0) + 8 + 8;
  for (const v of vars) hsize += 4 + pad4(enc.encode(v.name).length) + 4 + 4 * v.dims.length + 8 + 4 + 4 + 4;
  const recVars = vars.filter(isRec);
  const recSize = recVars.length === 1 ? slab(recVars[0]!) : recVars.reduce((a, v) => a + pad4(slab(v)), 0);
  const begins = new Map<string, number>();
  let off = hsize;
  for (const v of vars.filter((x) => !isRec(x))) { begins.set(v.name, off); off += pad4(slab(v)); }
  const recStart = off;
  let ro = recStart;
  for (const v of recVars) { begins.set(v.name, ro); ro += recVars.length === 1 ? slab(v) : pad4(slab(v)); }
  const total = recStart + recSize * numrecs;
  const buf = new Uint8Array(total);
  const dv = new DataView(buf.buffer);
  let p = 0;
  const u32 = (x: number): void => { dv.setUint32(p, x); p += 4; };
  const name = (s: string): void => { const b = enc.encode(s); u32(b.length); buf.set(b, p); p += pad4(b.length); };
  buf.set([0x43, 0x44, 0x46, 1]); p = 4; u32(numrecs);
  u32(10); u32(dims.length); for (const [n, s] of dims) { name(n); u32(s); }
  u32(0); u32(0);
  u32(11); u32(vars.length);
  for (const v of vars) {
    name(v.name); u32(v.dims.length); for (const d of v.dims) u32(dims.findIndex(([n]) => n === d));
    u32(0); u32(0); u32(CODE[v.type]); u32(pad4(slab(v))); u32(begins.get(v.name)!);
  }
  if (p !== hsize) throw new Error(`header size ${p} != ${hsize}`);
  const put = (at: number, type: Cdf3TestVar['type'], x: number): void => {
    if (type === 'short') dv.setInt16(at, x); else if (type === 'int') dv.setInt32(at, x);
    else if (type === 'float') dv.setFloat32(at, x); else dv.setFloat64(at, x);
  };
  for (const v of vars) {
    const per = slab(v) / SIZE[v.type];
    for (let i = 0; i < v.values.length; i++) {
      const r = isRec(v) ? Math.floor(i / per) : 0;
      put(begins.get(v.name)! + r * (isRec(v) ? recSize : 0) + (i % per) * SIZE[v.type] + (isRec(v) ? 0 : Math.floor(i / per) * per * SIZE[v.type]), v.type, v.values[i]!);
    }
  }
  return buf;
}
