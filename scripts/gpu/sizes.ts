/**
 * Problem sizes of the GPU check's speed rows. `gpu` is what issue 20 asks for on an H100/H200;
 * `cpu` is reduced so that `scripts/gpu/check.sh --cpu` stays within a few minutes on 2 cores.
 * scripts/gpu/sizes.json is the same table for the PyTorch twins (a test keeps them equal).
 */
import table from './sizes.json' with { type: 'json' };

/** Sizes of one run. */
export interface Sizes {
  /** Timed repeats after one warm-up (the block runs 5× as many). */
  repeats: number;
  block: { B: number; T: number; C: number; H: number; M: number };
  pangu: { grid: number; batches: number[] };
  dino: { arch: 'vit_small' | 'vit_tiny'; patch: number; global: number; local: number; locals: number; batch: number; outDim: number };
}

/** The two size sets, by name. */
export const SIZES: Record<'gpu' | 'cpu', Sizes> = table as Record<'gpu' | 'cpu', Sizes>;
