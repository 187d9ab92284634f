import { tf } from '@weatherlearn/engine';
import type { PanguOutput } from './pangu.js';
import type { PanguTarget } from './training-module.js';

/** RMSE of one forecast step, overall and per channel. */
export interface StepRmse {
  step: number;
  surface: number;
  surfacePerChannel: number[];
  upper: number | null;
  upperPerChannel: number[] | null;
}

/** RMSE of a prediction, overall and per channel (axis 1). */
export async function stepRmse(step: number, pred: PanguOutput, target: PanguTarget): Promise<StepRmse> {
  const rm = async (a: tf.Tensor, b: tf.Tensor) => {
    const axes = a.shape.map((_, i) => i).filter((i) => i !== 1);
    const [all, per] = tf.tidy(() => {
      const sq = tf.squaredDifference(a, b);
      return [tf.sqrt(tf.mean(sq)), tf.sqrt(tf.mean(sq, axes))];
    });
    const r = { all: (await all.data())[0]!, per: Array.from((await per.data()) as Float32Array) };
    all.dispose(); per.dispose();
    return r;
  };
  const s = await rm(pred.surface, target.surface);
  const u = pred.upper && target.upper ? await rm(pred.upper, target.upper) : null;
  return { step, surface: s.all, surfacePerChannel: s.per, upper: u?.all ?? null, upperPerChannel: u?.per ?? null };
}
