/** `@weatherlearn/loggers/tensorboard` — the TensorBoard event-file plugin and its encoders. */
export * from './plugin.js';
export * from './events.js';
export * from './tfrecord.js';
export * from './crc32c.js';
export * from './protobuf.js';
