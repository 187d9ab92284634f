/** Shared last step of both readers: option checks and CF decoding of the raw hyperslab. */
import type { Tensor } from '../tensor.js';
import { decodeCF } from './cf.js';
import { NetcdfError, type MaskedTensor, type NetcdfVariable, type ReadVariableOptions } from './types.js';

/** Looks a variable up, throwing a {@link NetcdfError} listing the available names when absent. */
export function requireVariable(file: string, vars: readonly NetcdfVariable[], name: string): NetcdfVariable {
  const v = vars.find((x) => x.name === name);
  if (!v) {
    const names = vars.map((x) => x.name);
    const shown = names.slice(0, 20).join(', ') + (names.length > 20 ? `, … (${names.length} in all)` : '');
    throw new NetcdfError(file, `no such variable (variables: ${shown || 'none'})`, name);
  }
  if (v.dtype === 'unsupported') throw new NetcdfError(file, 'has an HDF5 type this reader does not support (compound, enum, vlen, float16…)', name);
  if (v.dtype === 'string') throw new NetcdfError(file, 'is a string variable; only numeric and char variables can be read as tensors', name);
  return v;
}

/** Applies the `decode`/`mask` options to raw values read for `v`. */
export function finishRead(file: string, v: NetcdfVariable, raw: Tensor, opts: ReadVariableOptions): Tensor | MaskedTensor {
  const decode = opts.decode ?? true;
  if (opts.mask && !decode) throw new NetcdfError(file, 'the mask option needs decode: true', v.name);
  if (!decode || v.dtype === 'char') {
    if (opts.mask) return { ...raw, mask: { dtype: 'bool', shape: [...raw.shape], data: new Uint8Array(raw.data.length) } };
    return raw;
  }
  return decodeCF(raw, v.attributes, opts.mask === true);
}
