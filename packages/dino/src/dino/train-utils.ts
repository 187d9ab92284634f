// Port of dariodematties/gridrad/Hierarchical_Pretraining/utils.py:cancel_gradients_last_layer, get_params_groups
import { tf } from '@weatherlearn/engine';
import type { Module, NamedParameter } from '@weatherlearn/engine/nn';

/** One `get_params_groups` group (the optimizer's `ParamGroup` fields it sets). */
export interface DinoParamGroup { params: NamedParameter[]; lr: number; weightDecay: number }

/**
 * `utils.get_params_groups`: group 0 = regularised parameters, group 1 = biases and every 1-D
 * parameter (norms), with weight decay 0. Only trainable parameters are included.
 */
export function getParamsGroups(model: Module, lr = 0, weightDecay = 0): [DinoParamGroup, DinoParamGroup] {
  const reg: NamedParameter[] = [];
  const noReg: NamedParameter[] = [];
  for (const p of model.trainableParameters()) {
    if (p.name.endsWith('.bias') || p.variable.shape.length === 1) noReg.push(p);
    else reg.push(p);
  }
  return [{ params: reg, lr, weightDecay }, { params: noReg, lr, weightDecay: 0 }];
}

/**
 * `utils.cancel_gradients_last_layer`: while `epoch < freezeLastLayer`, drops the gradients of
 * every parameter whose name contains `last_layer` (so AdamW skips them entirely).
 */
export function cancelGradientsLastLayer(
  epoch: number,
  grads: Record<string, tf.Tensor | undefined>,
  freezeLastLayer: number,
): Record<string, tf.Tensor | undefined> {
  if (epoch >= freezeLastLayer) return grads;
  const out: Record<string, tf.Tensor | undefined> = {};
  for (const [name, g] of Object.entries(grads)) {
    if (name.includes('last_layer')) {
      g?.dispose();
      out[name] = undefined;
    } else out[name] = g;
  }
  return out;
}

/**
 * Teacher EMA: `θ_t ← m·θ_t + (1 − m)·θ_s` over every parameter (trainable or not), matched by
 * name. Throws if the two models do not have the same parameter names and shapes.
 */
export function emaUpdate(teacher: Module, student: Module, m: number): void {
  const s = new Map(student.namedParameters().map((p) => [p.name, p.variable]));
  for (const { name, variable: t } of teacher.namedParameters()) {
    const sv = s.get(name);
    if (!sv) throw new Error(`EMA: teacher parameter ${name} has no student counterpart`);
    tf.tidy(() => t.assign(tf.add(tf.mul(t, m), tf.mul(sv, 1 - m))));
  }
}
