import { VisionTransformer } from '../vit/vision-transformer.js';
import { VisionTransformer4K } from '../vit/vision-transformer-4k.js';
import { DINOTrainingModule } from '../dino/training-module.js';

type Json = Record<string, any>;

/** True when a reference `config.json` describes the DINO ViT + head (`../shared/reference/dino`). */
export function isDinoReferenceConfig(config: Json): boolean {
  return typeof config.model === 'string' && config.model.startsWith('DINO ViT');
}

/** True when a reference `config.json` describes a HIPT ViT-4K / GRIDRAD ViT-2K (`../shared/reference/hipt`). */
export function isVit4kReferenceConfig(config: Json): boolean {
  return typeof config.model === 'string' && /VisionTransformer4K|ViT-4K|ViT-2K/.test(config.model);
}

/**
 * A {@link DINOTrainingModule} configured from the DINO reference's `hyperparameters`: backbone,
 * head, loss, and one iteration at the recorded lr / weight decay / EMA momentum / epoch. Its
 * `clip_grad` is the trainer's (`gradientClipVal`, per parameter).
 */
export function dinoTrainingModuleFromReference(config: Json): DINOTrainingModule {
  const h = config.hyperparameters as Json;
  const head = h.head as Json;
  const loss = h.dino_loss as Json;
  const step = h.train_step as Json;
  const backbone = (dp: number) => new VisionTransformer({
    imgSize: h.img_size, patchSize: h.patch_size, inChans: h.in_chans, embedDim: h.embed_dim, depth: h.depth, numHeads: h.num_heads,
    mlpRatio: h.mlp_ratio, qkvBias: h.qkv_bias, eps: h.layer_norm_eps, dropPathRate: dp,
  });
  const epoch = step.epoch as number;
  const m = new DINOTrainingModule(backbone, {
    outDim: head.out_dim, normLastLayer: head.norm_last_layer_student, headHiddenDim: head.hidden_dim, headBottleneckDim: head.bottleneck_dim,
    headNlayers: head.nlayers, dropPathRate: h.drop_path_rate_student ?? 0, localCropsNumber: loss.ncrops - 2,
    warmupTeacherTemp: loss.warmup_teacher_temp, teacherTemp: loss.teacher_temp, warmupTeacherTempEpochs: loss.warmup_teacher_temp_epochs,
    epochs: loss.nepochs, studentTemp: loss.student_temp, centerMomentum: loss.center_momentum, itersPerEpoch: 1,
    freezeLastLayer: step.freeze_last_layer,
  });
  m.lrSchedule.fill(step.lr);
  m.wdSchedule.fill(step.weight_decay_group0);
  m.momentumSchedule.fill(step.momentum_teacher);
  m.iteration = epoch;
  return m;
}

/** A {@link VisionTransformer4K} from the HIPT reference's `hyperparameters`. */
export function vit4kFromReference(config: Json): VisionTransformer4K {
  const h = config.hyperparameters as Json;
  const grid = (h.pos_grid as number[] | undefined)?.[0] ?? Math.floor(h.img_size / 16);
  return new VisionTransformer4K({
    inputEmbedDim: h.input_embed_dim, outputEmbedDim: h.output_embed_dim, depth: h.depth, numHeads: h.num_heads,
    mlpRatio: h.mlp_ratio, qkvBias: h.qkv_bias, eps: h.layer_norm_eps, posGrid: grid, dropPathRate: 0,
  }).eval();
}
