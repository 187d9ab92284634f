export * from './crc32.js';
export * from './read.js';
export * from './write.js';
export * from './safe-path.js';
export * from './extract.js';
