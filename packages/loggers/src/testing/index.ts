/**
 * `@weatherlearn/loggers/testing` — test helpers: the shared logger contract suite (for third-party
 * plugins too), loopback W&B and Neptune servers with failure injection, and an independent
 * TensorBoard event-file reader.
 */
// The shared logger contract suite.
export { runContractSuite } from './contract.js';
export type { Arrived, ContractTarget } from './contract.js';

// Loopback W&B and Neptune servers with failure injection.
export { startWandbServer } from './wandb-server.js';
export type { Failure, Recorded, ServerRun, WandbServerOptions } from './wandb-server.js';
export { startNeptuneServer, makeNeptuneToken } from './neptune-server.js';
export type { NeptuneServerRun } from './neptune-server.js';

// An independent TensorBoard event-file reader.
export {
  readRecords, fields, readEvents, parseMarkdownTable, decodeHparamsPluginData,
} from './tfevents-reader.js';
export type { DecodedValue, DecodedEvent, DecodedHparams } from './tfevents-reader.js';
