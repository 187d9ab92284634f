// Port of dariodematties/gridrad/dataset/utils.py:random_crop_and_partition
/** Crop → patches (the original's `crop.reshape(n,p,n,p).transpose(0,2,1,3)`, channels stacked). */
import type { Tensor } from '@weatherlearn/tensor-io';

/**
 * Stacks `channels` (each `cropSize²`, row-major) into `crop (C, S, S)` and cuts it into
 * `patches (n, n, C, P, P)` with `n = S / P`: `patches[i][j][c] = crop[c][i·P:(i+1)·P, j·P:(j+1)·P]`.
 * @throws RangeError when the sizes do not divide or a channel has the wrong length
 */
export function cropAndPatch(channels: readonly Float32Array[], cropSize: number, patchSize: number): { crop: Tensor<'float32'>; patches: Tensor<'float32'> } {
  if (!Number.isInteger(cropSize) || !Number.isInteger(patchSize) || cropSize < 1 || patchSize < 1 || cropSize % patchSize !== 0) {
    throw new RangeError(`crop size ${cropSize} must be a positive multiple of patch size ${patchSize}`);
  }
  const C = channels.length, S = cropSize, P = patchSize, n = S / P;
  const crop = new Float32Array(C * S * S);
  channels.forEach((ch, c) => {
    if (ch.length !== S * S) throw new RangeError(`channel ${c} has ${ch.length} values, expected ${S}×${S}`);
    crop.set(ch, c * S * S);
  });
  const patches = new Float32Array(C * S * S);
  let o = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let c = 0; c < C; c++) {
        const ch = channels[c]!;
        for (let r = 0; r < P; r++) {
          const src = (i * P + r) * S + j * P;
          patches.set(ch.subarray(src, src + P), o);
          o += P;
        }
      }
    }
  }
  return {
    crop: { dtype: 'float32', shape: [C, S, S], data: crop },
    patches: { dtype: 'float32', shape: [n, n, C, P, P], data: patches },
  };
}
