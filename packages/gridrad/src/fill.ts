/** What to do with invalid (fill / missing / out-of-range → NaN) values in a crop. */

/**
 * - `drop`: skip the file when its crop holds any invalid value (nothing is written);
 * - `fill`: replace invalid values by `fillValue`;
 * - `mask`: replace them by `fillValue` and append one channel that is 1 where any channel was invalid;
 * - `keep`: leave NaN (the `split` filter then rejects every slice holding one).
 */
export type FillPolicy = 'drop' | 'fill' | 'mask' | 'keep';

/** The accepted policies. */
export const FILL_POLICIES: readonly FillPolicy[] = ['drop', 'fill', 'mask', 'keep'];

/** Result of {@link applyFillPolicy}. */
export interface FillResult {
  /** The channels to write (a mask channel appended with `mask`); undefined when dropped. */
  channels?: Float32Array[];
  /** Invalid values found (over all channels). */
  invalid: number;
}

/** Applies a {@link FillPolicy} to the crop channels (modified in place for `fill`/`mask`). */
export function applyFillPolicy(channels: Float32Array[], policy: FillPolicy, fillValue = 0): FillResult {
  if (!FILL_POLICIES.includes(policy)) throw new Error(`unknown fill policy '${policy}' (use ${FILL_POLICIES.join(', ')})`);
  let invalid = 0;
  const n = channels[0]?.length ?? 0;
  const mask = policy === 'mask' ? new Float32Array(n) : undefined;
  for (const ch of channels) {
    for (let i = 0; i < ch.length; i++) {
      if (Number.isNaN(ch[i]!)) {
        invalid++;
        if (policy === 'fill' || policy === 'mask') ch[i] = fillValue;
        if (mask) mask[i] = 1;
      }
    }
  }
  if (policy === 'drop' && invalid > 0) return { invalid };
  return { channels: mask ? [...channels, mask] : channels, invalid };
}
