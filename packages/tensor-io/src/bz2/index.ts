/** bzip2 in TypeScript: streaming decompressor (multi-stream, CRC-checked) and compressor. */
export * from './crc.js';
export * from './decompress.js';
export * from './compress.js';
