/** @weatherlearn/distributed — data-parallel collectives on torch.distributed's c10d (Gloo). */
export * from './native.js';
export * from './env.js';
export * from './address.js';
export * from './process-group.js';
