/** @weatherlearn/distributed — data-parallel collectives on torch.distributed's c10d (Gloo). */
// The c10d (Gloo) native addon: loading it and why it is unavailable.
export { loadC10d, c10dUnavailableReason, DistributedNotBuiltError, C10D_ADDON_PATH } from './native.js';
export type { GroupHandle, NativeReduceOp, NativeConnectOptions, C10dBinding } from './native.js';

// Rank/world settings from a launcher environment the app passes in.
export { distributedEnvFrom } from './env.js';
export type { DistributedEnv } from './env.js';

// Choosing the address rank 0 binds to.
export { routeAddress, chooseBindAddress, formatBindAddress } from './address.js';
export type { BindAddressSource, BindAddress, BindAddressRequest, BindAddressDeps } from './address.js';

// The process group: all-reduce, broadcast and barrier across ranks.
export { DEFAULT_PROCESS_GROUP_OPTIONS, ProcessGroup } from './process-group.js';
export type { ProcessGroupOptions } from './process-group.js';
