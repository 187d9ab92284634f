export * from './errors.js';
export * from './detect.js';
export * from './file.js';
export * from './stats.js';
export { gatherStrided, swapBytes, contiguousStrides, stridedExtent } from './strided.js';
export { bytesSource, fileSource, withFileSource, asSource, type ByteSource, type FileSource } from './source.js';
