import { tf } from '@weatherlearn/engine';
import type { Module, NamedParameter } from '@weatherlearn/engine/nn';
import type { ParamGroup } from './adamw.js';

/**
 * `utils.get_params_groups`: group 0 = regularised parameters, group 1 = biases and every 1-D
 * parameter (norms), with weight decay 0. Only trainable parameters are included.
 */
export function getParamsGroups(model: Module, lr = 0, weightDecay = 0): [ParamGroup, ParamGroup] {
  const reg: NamedParameter[] = [];
  const noReg: NamedParameter[] = [];
  for (const p of model.trainableParameters()) {
    if (p.name.endsWith('.bias') || p.variable.shape.length === 1) noReg.push(p);
    else reg.push(p);
  }
  return [{ params: reg, lr, weightDecay }, { params: noReg, lr, weightDecay: 0 }];
}

/**
 * `utils.clip_gradients`: per-parameter clipping — each gradient whose L2 norm exceeds `clip` is
 * scaled by `clip/(norm + 1e-6)`. Returns the clipped gradients (new tensors; the inputs are
 * disposed when replaced) and the norms before clipping.
 */
export function clipGradients(
  grads: Record<string, tf.Tensor | undefined>,
  clip: number,
): { grads: Record<string, tf.Tensor | undefined>; norms: Record<string, number> } {
  const out: Record<string, tf.Tensor | undefined> = {};
  const norms: Record<string, number> = {};
  for (const [name, g] of Object.entries(grads)) {
    if (!g) {
      out[name] = g;
      continue;
    }
    const nt = tf.tidy(() => tf.sqrt(tf.sum(tf.square(g))));
    const norm = nt.dataSync()[0]!;
    nt.dispose();
    norms[name] = norm;
    const coef = clip / (norm + 1e-6);
    if (coef < 1) {
      out[name] = tf.mul(g, coef);
      g.dispose();
    } else out[name] = g;
  }
  return { grads: out, norms };
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
