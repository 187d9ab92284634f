import { tf } from '@weatherlearn/engine';
import type { NamedParameter, ParameterList } from './types.js';

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
