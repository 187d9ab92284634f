/**
 * What a training run reads: the app's one configuration (`config/schema.ts`), after per-model
 * defaults and the Pangu preset (`config/presets.ts`). `TrainConfig` is that type under the name the
 * run modules use; there is no second schema.
 */
import type { AppConfig } from '../config/schema.js';

/** The resolved configuration of a run (= {@link AppConfig}). */
export type TrainConfig = AppConfig;

/** Throws a message naming the key when `value` is not one of `choices`. */
export function checkChoice<T extends string>(key: string, value: string, choices: readonly T[]): T {
  if (!choices.includes(value as T)) throw new Error(`config key "${key}" must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}`);
  return value as T;
}
