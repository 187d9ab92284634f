import { tf } from '@weatherlearn/engine';
import type { Tensor } from '@weatherlearn/tensor-io';
import { VisionTransformer } from '../vit/vision-transformer.js';
import { DINOHead } from '../dino/dino-head.js';
import { MultiCropWrapper } from '../dino/multi-crop-wrapper.js';
import { DINOTrainingModule } from '../dino/training-module.js';
import { index0 } from './reference.js';

/** The reduced configuration of `../shared/reference/dino` (vit_tiny-style 48/2/3 on 64 px, head 64/32/512). */
export const DINO_REF_BACKBONE = { imgSize: 64, patchSize: 16, inChans: 1, embedDim: 48, depth: 2, numHeads: 3, dropPathRate: 0 };
/** Head of the DINO reference. */
export const DINO_REF_HEAD = { inDim: 48, outDim: 512, nlayers: 3, hiddenDim: 64, bottleneckDim: 32 };

/** Student (`norm_last_layer=False`) or teacher (`True`) wrapper with the reference sizes. */
export function dinoReferenceWrapper(normLastLayer: boolean): MultiCropWrapper {
  return new MultiCropWrapper(new VisionTransformer(DINO_REF_BACKBONE), new DINOHead({ ...DINO_REF_HEAD, normLastLayer }));
}

/** A training module configured exactly like the reference's one iteration (lr 1e-3, wd 0.04, m 0.996, epoch 1). */
export function dinoReferenceTrainingModule(): DINOTrainingModule {
  const m = new DINOTrainingModule((dp) => new VisionTransformer({ ...DINO_REF_BACKBONE, dropPathRate: dp }), {
    outDim: 512, normLastLayer: false, headHiddenDim: 64, headBottleneckDim: 32, headNlayers: 3, dropPathRate: 0,
    localCropsNumber: 2, warmupTeacherTemp: 0.04, teacherTemp: 0.04, warmupTeacherTempEpochs: 0, epochs: 2,
    itersPerEpoch: 1, freezeLastLayer: 1,
  });
  // Fixed values instead of schedules: lr 1e-3 (both groups), wd 0.04 (group 0), momentum 0.996, epoch 1.
  m.lrSchedule.fill(1e-3);
  m.wdSchedule.fill(0.04);
  m.momentumSchedule.fill(0.996);
  m.iteration = 1;
  return m;
}

/** The crop list `[g0, g1, l0, l1]` from `input_global.npy` / `input_local.npy`. */
export function dinoReferenceCrops(global: Tensor, local: Tensor): tf.Tensor4D[] {
  const t4 = (t: Tensor) => tf.tensor4d(t.data as Float32Array, t.shape as [number, number, number, number]);
  return [t4(index0(global, 0)), t4(index0(global, 1)), t4(index0(local, 0)), t4(index0(local, 1))];
}
