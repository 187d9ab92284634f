/** @weatherlearn/trainer — the fit loop: checkpoints, exact resume, schedules, early stopping. */
export * from './types.js';
export * from './config.js';
export * from './events.js';
export * from './trainer.js';
export * from './rng.js';
export * from './schedules.js';
export * from './clip.js';
export * from './early-stopping.js';
export * from './checkpoint.js';
export * from './optimizer-state.js';
export * from './hyperparameters.js';
export * from './params.js';
export * from './validate.js';
export * from './gradient-step.js';
export * from './resume.js';
export * from './export.js';
export * from './loaders.js';
