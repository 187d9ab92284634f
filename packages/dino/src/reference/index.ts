/**
 * `@weatherlearn/dino/reference` — models built from the reference runs' `config.json`
 * (`../shared/reference/dino`, `../shared/reference/hipt`) for `weatherlearn reference check`.
 * Kept off the package index: only the reference comparison needs it.
 */
// Recognising a reference config and building the matching model from it.
export { isDinoReferenceConfig, isVit4kReferenceConfig, dinoTrainingModuleFromReference, vit4kFromReference } from './reference-models.js';
