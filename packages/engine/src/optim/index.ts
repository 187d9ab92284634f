/**
 * `@weatherlearn/engine/optim`: torch-faithful optimizers (`Adam`, `AdamW`) behind the
 * {@link Optimizer} contract. Side-effect free: importing it registers no backend or kernel.
 */
export * from './types.js';
export * from './adam-core.js';
export * from './adam.js';
export * from './adamw.js';
export * from './param-groups.js';
export { checkGroupHyperparameters } from './state-dict.js';
