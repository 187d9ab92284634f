/** Names of the baselines {@link BASELINES} scores. */
export const BASELINES = ['persistence', 'climatology'] as const;
/** One of {@link BASELINES}. */
export type BaselineName = (typeof BASELINES)[number];

/**
 * Parses a `--baselines` list (`persistence,climatology`, or empty for none); errors name the bad
 * entry and the choices.
 */
export function parseBaselines(list: string): BaselineName[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(BASELINES as readonly string[]).includes(n)) throw new Error(`unknown baseline "${n}"; choose from: ${BASELINES.join(', ')}`);
  return [...new Set(names)] as BaselineName[];
}

/**
 * Persistence: the forecast for every lead time is the initial frame (the last observed frame).
 * Returned as is (no copy): callers must not modify it.
 */
export function persistenceForecast(initial: Float32Array): Float32Array {
  return initial;
}
