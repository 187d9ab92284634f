import { tf } from '@weatherlearn/engine';
import type { PanguBatch, PanguTrainingModule } from '@weatherlearn/pangu';
import type { DataLoader } from '@weatherlearn/trainer';

/** The validation loss of the two forecasts a trained model must beat, in the model's own loss. */
export interface ValBaselines {
  /** The input frame as the forecast (persistence). */
  persistence: number;
  /** Zero in normalised units = the training split's per-channel mean (climatology without a season). */
  trainingMean: number;
}

/**
 * {@link ValBaselines} over (at most `limit`, 0 = all) batches of `val`, averaged per batch as the
 * trainer averages `val_loss`. Only meaningful when the data are normalised with training-split
 * statistics (`data.normalisation: dataset`), so that zero is the training mean.
 */
export async function panguValBaselines(module: PanguTrainingModule, val: DataLoader<PanguBatch>, limit = 0): Promise<ValBaselines> {
  const n = limit > 0 ? Math.min(limit, val.length) : val.length;
  let persistence = 0, trainingMean = 0;
  for (let i = 0; i < n; i++) {
    const b = await val.batch(i, 0);
    try {
      const [p, m] = tf.tidy(() => [
        module.loss({ surface: b.input.surface, upper: b.input.upper ?? null }, b.target),
        module.loss({ surface: tf.zerosLike(b.target.surface), upper: b.target.upper ? tf.zerosLike(b.target.upper) : null }, b.target),
      ]);
      persistence += (await p.data())[0]!;
      trainingMean += (await m.data())[0]!;
      tf.dispose([p, m]);
    } finally {
      tf.dispose(b as unknown as tf.TensorContainer);
    }
  }
  return { persistence: persistence / Math.max(1, n), trainingMean: trainingMean / Math.max(1, n) };
}
