/** @weatherlearn/testkit (private) — seeded generators of realistic synthetic files for tests and the demo. */
export * from './rng.js';
export * from './tmp.js';
export * from './gridrad/index.js';
export * from './superdarn/index.js';
