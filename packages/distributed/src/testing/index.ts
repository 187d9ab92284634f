/** Test helpers (source only, `@weatherlearn/distributed/testing`): network namespaces as hosts, rank spawning. */
// Network namespaces that stand in for hosts in multi-node tests.
export { createNetHosts, netnsUnavailableReason, skipUnlessCi, assertParts } from './netns.js';
export type { NetHosts } from './netns.js';

// Spawning one process per rank.
export { freePort, spawnRanks } from './spawn-ranks.js';
export type { RankResult, RankPlacement } from './spawn-ranks.js';
