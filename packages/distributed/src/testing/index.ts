/** Test helpers (source only, `@weatherlearn/distributed/testing`): network namespaces as hosts, rank spawning. */
export * from './netns.js';
export * from './spawn-ranks.js';
