// Port of dariodematties/gridrad/Hierarchical_Pretraining/From_ViT16_to_ViT256.py:load_model
import type { Tensor } from '@weatherlearn/tensor-io';
import type { VisionTransformerConfig } from '../vit/vision-transformer.js';
import type { VisionTransformer4KConfig } from '../vit/vision-transformer-4k.js';

const HEADS: Record<number, number> = { 192: 3, 384: 6, 768: 12 };

function need(sd: Record<string, Tensor>, key: string, what: string): number[] {
  const t = sd[key];
  if (!t) throw new Error(`cannot infer the ${what}: no "${key}" in the weights (keys: ${Object.keys(sd).slice(0, 6).join(', ')}, …)`);
  return t.shape;
}

function depth(sd: Record<string, Tensor>): number {
  let d = 0;
  while (`blocks.${d}.norm1.weight` in sd) d++;
  if (d === 0) throw new Error('cannot infer the depth: no blocks.0.norm1.weight in the weights');
  return d;
}

/**
 * The {@link VisionTransformerConfig} a (prefix-stripped) ViT state dict implies: embed dim, depth,
 * patch size, input channels and training image size from the shapes; heads from the `vit_*`
 * presets (192 → 3, 384 → 6, 768 → 12) unless given.
 */
export function vitConfigFromStateDict(sd: Record<string, Tensor>, numHeads?: number): Partial<VisionTransformerConfig> {
  const [D, C, p] = need(sd, 'patch_embed.proj.weight', 'patch size') as [number, number, number];
  const n = need(sd, 'pos_embed', 'image size')[1]! - 1;
  const grid = Math.round(Math.sqrt(n));
  const heads = numHeads ?? HEADS[D];
  if (!heads) throw new Error(`embed dim ${D} is not a vit_tiny/small/base size: pass the number of heads`);
  return { embedDim: D, inChans: C, patchSize: p, imgSize: grid * p, depth: depth(sd), numHeads: heads };
}

/**
 * The {@link VisionTransformer4KConfig} a ViT-4K/2K state dict implies (heads default to width/32,
 * the head size of `vit4k_xs`/`vit2k_xs`).
 */
export function vit4kConfigFromStateDict(sd: Record<string, Tensor>, numHeads?: number): Partial<VisionTransformer4KConfig> {
  const [D, Din] = need(sd, 'phi.0.weight', 'input/output widths') as [number, number];
  const n = need(sd, 'pos_embed', 'position grid')[1]! - 1;
  return { inputEmbedDim: Din, outputEmbedDim: D, depth: depth(sd), numHeads: numHeads ?? Math.max(1, Math.round(D / 32)), posGrid: Math.round(Math.sqrt(n)) };
}
