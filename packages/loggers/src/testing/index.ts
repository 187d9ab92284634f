/**
 * `@weatherlearn/loggers/testing` — test helpers: the shared logger contract suite (for third-party
 * plugins too), loopback W&B and Neptune servers with failure injection, and an independent
 * TensorBoard event-file reader.
 */
export * from './contract.js';
export * from './wandb-server.js';
export * from './neptune-server.js';
export * from './tfevents-reader.js';
