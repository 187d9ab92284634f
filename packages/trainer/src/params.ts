import { tf } from '@weatherlearn/engine';
import type { NamedParameter, OptimizerConfig, ParameterList } from './types.js';

/** Normalises {@link ParameterList} to named parameters, rejecting duplicate or empty names. */
export function namedParameters(list: ParameterList): NamedParameter[] {
  const out: NamedParameter[] = (list as (NamedParameter | tf.Variable)[]).map((p, i) => {
    if (p instanceof tf.Variable) return { name: p.name, variable: p };
    if (!p || !(p.variable instanceof tf.Variable)) throw new TypeError(`parameters()[${i}] is neither a tf.Variable nor { name, variable }`);
    return p;
  });
  if (out.length === 0) throw new Error('parameters() returned no parameters: nothing to train');
  const seen = new Set<string>();
  for (const p of out) {
    if (!p.name) throw new Error('parameters(): a parameter has an empty name');
    if (seen.has(p.name)) throw new Error(`parameters(): duplicate parameter name "${p.name}"`);
    seen.add(p.name);
  }
  return out;
}

/**
 * Checks that `configureOptimizers()` gave an engine optimizer whose parameters are the module's
 * own (same name, same variable), so none can silently never receive a gradient.
 * @throws TypeError for anything else than an engine optimizer; Error naming a foreign parameter
 */
export function checkOptimizer(cfg: OptimizerConfig, params: NamedParameter[]): void {
  const o = cfg?.optimizer as Partial<OptimizerConfig['optimizer']> | undefined;
  if (!o || typeof o.step !== 'function' || !Array.isArray(o.paramGroups) || typeof o.stateDict !== 'function') {
    throw new TypeError('configureOptimizers() must return { optimizer } with an engine Optimizer (Adam or AdamW from @weatherlearn/engine); tfjs optimizers are not supported');
  }
  const byName = new Map(params.map((p) => [p.name, p.variable]));
  for (const [i, g] of o.paramGroups.entries()) {
    for (const p of g.params) {
      const v = byName.get(p.name);
      if (!v) throw new Error(`optimizer group ${i} holds "${p.name}", which is not among the module's parameters()`);
      if (v !== p.variable) throw new Error(`optimizer group ${i}: "${p.name}" is another variable than the module's parameter of that name`);
    }
  }
}
