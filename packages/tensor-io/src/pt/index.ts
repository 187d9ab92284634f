export * from './value.js';
export * from './read.js';
export * from './state-dict.js';
export * from './write.js';
export { unpickle, PyGlobal, PyTuple, type UnpickleHooks } from './pickle-read.js';
export { STORAGE_DTYPE, DTYPE_STORAGE } from './storage-types.js';
export * from './flatten.js';
