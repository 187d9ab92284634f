/**
 * The seeded PRNG used by every generator here is the project's shared one, `Rng` from
 * `@weatherlearn/engine/rng` (side-effect free: it does not load TensorFlow.js). It is re-exported
 * so tests can keep importing `Rng` from `@weatherlearn/testkit`.
 */
export { Rng, type RngState } from '@weatherlearn/engine/rng';
