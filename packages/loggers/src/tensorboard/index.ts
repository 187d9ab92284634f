/** `@weatherlearn/loggers/tensorboard` — the TensorBoard event-file plugin and its encoders. */
// The plugin.
export { createTensorBoardLogger, TensorBoardLogger } from './plugin.js';

// Event-file encoding: summaries, TFRecord framing, CRC32C, protobuf.
export {
  fileVersionEvent, summaryEvent, scalarValue, makeHistogram, histogramValue, textValue,
} from './events.js';
export type { SummaryValue, Histogram } from './events.js';
export { tfRecord, readTfRecords } from './tfrecord.js';
export { crc32c, maskedCrc32c } from './crc32c.js';
export { ProtoWriter } from './protobuf.js';
