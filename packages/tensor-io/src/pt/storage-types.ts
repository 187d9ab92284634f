import type { DType } from '../tensor.js';

/** `torch.<Name>Storage` class names and the dtype of their elements. */
export const STORAGE_DTYPE: Record<string, DType> = {
  FloatStorage: 'float32', DoubleStorage: 'float64', HalfStorage: 'float16', BFloat16Storage: 'bfloat16',
  LongStorage: 'int64', IntStorage: 'int32', ShortStorage: 'int16', CharStorage: 'int8',
  ByteStorage: 'uint8', BoolStorage: 'bool', UntypedStorage: 'uint8',
  // Written by torch >= 2.3 for its newer unsigned dtypes.
  UInt16Storage: 'uint16', UInt32Storage: 'uint32', UInt64Storage: 'uint64',
};

/** The storage class torch.save uses for each dtype we can write (torch < 2.3 has no uint16/32/64). */
export const DTYPE_STORAGE: Partial<Record<DType, string>> = {
  float32: 'FloatStorage', float64: 'DoubleStorage', float16: 'HalfStorage', bfloat16: 'BFloat16Storage',
  int64: 'LongStorage', int32: 'IntStorage', int16: 'ShortStorage', int8: 'CharStorage',
  uint8: 'ByteStorage', bool: 'BoolStorage',
};

/** `torch.<dtype>` globals (as they may appear in pickles) and our names for them. */
export const TORCH_DTYPE_GLOBALS: Record<string, DType | undefined> = {
  float32: 'float32', float: 'float32', float64: 'float64', double: 'float64', float16: 'float16', half: 'float16',
  bfloat16: 'bfloat16', int64: 'int64', long: 'int64', int32: 'int32', int: 'int32', int16: 'int16', short: 'int16',
  int8: 'int8', uint8: 'uint8', bool: 'bool', uint16: 'uint16', uint32: 'uint32', uint64: 'uint64',
  complex32: undefined, complex64: undefined, complex128: undefined,
};
