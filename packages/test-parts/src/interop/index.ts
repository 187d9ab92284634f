/**
 * Interop test helpers: run `pyinterop.py` (beside this file) with Debian's Python to load files
 * our writers produced with torch / numpy / netCDF4 / h5py, or to write files with them for our
 * readers; and describe our tensors the way the script prints theirs, to compare values exactly.
 * A test dependency only (python3-torch python3-numpy python3-netcdf4 python3-h5py from
 * .ci/apt-packages.sh); the toolkit itself never needs Python.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requirePart, type Part } from '../require-part.js';

const SCRIPT = fileURLToPath(new URL('./pyinterop.py', import.meta.url));
/** Debian's interpreter (where python3-torch lives), not a pyenv/venv shim earlier on PATH. */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

const MODULES: Record<'torch' | 'numpy' | 'netCDF4' | 'h5py', Part> = {
  torch: 'python-torch', numpy: 'python-numpy', netCDF4: 'python-netcdf4', h5py: 'python-h5py',
};

const imports = new Map<string, { status: number | null }>();

/** The node:test skip value for tests needing these Python modules (strict under CI=true). */
export function requirePython(...modules: (keyof typeof MODULES)[]): string | false {
  for (const m of ['numpy', ...modules] as (keyof typeof MODULES)[]) {
    const r = imports.get(m) ?? spawnSync(PYTHON, ['-c', `import ${m}`], { encoding: 'utf8' });
    imports.set(m, r);
    const deb = m === 'netCDF4' ? 'python3-netcdf4' : `python3-${m.toLowerCase()}`;
    const skip = requirePart(MODULES[m], r.status !== 0 && `${PYTHON} cannot import ${m} (apt-get install ${deb})`);
    if (skip) return skip;
  }
  return false;
}

/** What the script prints for one array: dtype, shape and C-order values (integers as strings). */
export interface PyArray { dtype: string; shape: number[]; values: (number | string | boolean)[] }

function runScript(mode: 'read' | 'write', kind: string, file: string): unknown {
  const r = spawnSync(PYTHON, [SCRIPT, mode, kind, file], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`python ${mode} ${kind} ${file} failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Loads `file` with the Python tool for `kind` (pt: torch.load weights_only; npy/npz: numpy.load; safetensors; netcdf; h5py). */
export function pyRead<T = unknown>(kind: 'pt' | 'npy' | 'npz' | 'safetensors' | 'netcdf' | 'h5py', file: string): T {
  return runScript('read', kind, file) as T;
}

/** Writes `file` with the Python tool for `kind`; returns what it holds, as {@link pyRead} prints it. */
export function pyWrite<T = unknown>(kind: 'pt' | 'npy' | 'npy-fortran' | 'npz' | 'safetensors' | 'netcdf4' | 'netcdf3', file: string): T {
  return runScript('write', kind, file) as T;
}

/** The fields of a tensor {@link describeTensor} reads (tensor-io's `Tensor` has them). */
export interface DescribedTensor { dtype: string; shape: readonly number[]; data: ArrayLike<number | bigint> }

/**
 * IEEE half and bfloat16 bits as a number, decoded here by arithmetic — on purpose not with
 * tensor-io's converters, so a test never checks tensor-io's decoding against itself.
 */
function widen16(dtype: 'float16' | 'bfloat16', bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const [expBits, mantBits] = dtype === 'float16' ? [5, 10] : [8, 7];
  const exp = (bits >> mantBits) & ((1 << expBits) - 1);
  const mant = bits & ((1 << mantBits) - 1);
  const bias = (1 << (expBits - 1)) - 1;
  if (exp === (1 << expBits) - 1) return mant ? NaN : sign * Infinity;
  if (exp === 0) return sign * mant * 2 ** (1 - bias - mantBits);
  return sign * (1 + mant / 2 ** mantBits) * 2 ** (exp - bias);
}

/** Our tensor in the script's form (float16/bfloat16 widened like `.float()`, integers as strings). */
export function describeTensor(t: DescribedTensor): PyArray {
  const d = t.data as ArrayLike<number | bigint>;
  const values = Array.from(d, (v) => {
    if (t.dtype === 'bool') return v !== 0;
    if (t.dtype === 'float16' || t.dtype === 'bfloat16') return widen16(t.dtype, Number(v));
    if (/int/.test(t.dtype)) return String(v);
    return Number(v);
  });
  return { dtype: t.dtype, shape: [...t.shape], values };
}
