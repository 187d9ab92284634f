/** SuperDARN DMAP: streaming reader/writer, typed record views, file summaries. */
export * from './types.js';
export { DMAP_RECORD_CODE, DMAP_HEADER_BYTES } from './parse-record.js';
export * from './stream-parser.js';
export { readDmapRecords, readDmapFile, parseDmap, type DmapSource, type DmapStreamInfo, type DmapReadResult } from './reader.js';
export * from './write.js';
export * from './json.js';
export * from './describe.js';
export type { NumArray, DmapViewBase } from './views/common.js';
export * from './views/fitacf.js';
export * from './views/rawacf.js';
export * from './views/grid.js';
export * from './views/map.js';
export * from './views/time.js';
