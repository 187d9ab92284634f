export * from './npy.js';
export { parseDescr, NPY_DESCR, type NpyDescr } from './dtype.js';
