/**
 * Problem sizes of the GPU check's speed rows. `gpu` is what issue 20 asks for on an H100/H200;
 * `cpu` is reduced so that `scripts/gpu/check.sh --cpu` stays within a few minutes on 2 cores.
 * The table itself is scripts/gpu/sizes.json, which the PyTorch twins read too (one source of sizes).
 */
import table from './sizes.json' with { type: 'json' };

/** Sizes of one run. */
export interface Sizes {
  /** Timed repeats after one warm-up (the block runs 5× as many). */
  repeats: number;
  block: { B: number; T: number; C: number; H: number; M: number };
  pangu: { grid: number; batches: number[] };
  /** Float32 elements per collective (allreduce + broadcast + barrier round trip, world size 1). */
  collective: { floats: number };
  dino: { arch: 'vit_small' | 'vit_tiny'; patch: number; global: number; local: number; locals: number; batch: number; outDim: number };
}

/** The two size sets, by name. */
export const SIZES: Record<'gpu' | 'cpu', Sizes> = table as Record<'gpu' | 'cpu', Sizes>;
