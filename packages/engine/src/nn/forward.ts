import type { Rng } from '../random/rng.js';

/**
 * Options of a forward pass. `training` overrides the module's train/eval flag; `rng` is the
 * stream stochastic layers (Dropout, DropPath, latent noise) draw from — the trainer passes its
 * checkpointed generator so that a resumed run draws the same masks.
 */
export interface ForwardOptions {
  training?: boolean;
  rng?: Rng;
}

/**
 * The generator of a stochastic layer that is active, or `null` when the layer is the identity
 * (evaluation, or a zero rate).
 * @throws Error naming `layer` when training with a non-zero rate but no `rng`
 */
export function stochasticRng(training: boolean, rate: number, rng: Rng | undefined, layer: string): Rng | null {
  if (!training || rate <= 0) return null;
  if (!rng) throw new Error(`${layer}: training with rate ${rate} needs a seeded generator (forward option { training: true, rng })`);
  return rng;
}
