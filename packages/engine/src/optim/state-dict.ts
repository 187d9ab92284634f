/**
 * Validation and (de)serialisation of {@link OptimizerStateDict}s for the Adam family: every check
 * happens before anything is replaced, and every error names the group or parameter at fault.
 */
import { tensor, type Tensor } from '@weatherlearn/tensor-io';
import { tf } from '../tf.js';
import { fromTf, toTf } from '../convert.js';
import type { NamedParameter, OptimizerStateDict, ParamGroup, ParamState } from './types.js';

/** The live state of one parameter: step count and the two moment buffers. */
export interface LiveState {
  step: number;
  expAvg: tf.Variable;
  expAvgSq: tf.Variable;
}

const groupLabel = (g: { name?: string }, i: number): string => (g.name ? `group ${i} ("${g.name}")` : `group ${i}`);

/**
 * Checks a group's `lr`/`weightDecay` (finite, ≥ 0).
 * @throws RangeError naming the group
 */
export function checkGroupHyperparameters(g: ParamGroup, i: number): void {
  for (const k of ['lr', 'weightDecay'] as const) {
    const v = g[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`optimizer ${groupLabel(g, i)}: ${k} must be a finite number ≥ 0, got ${String(v)}`);
  }
}

async function toPlain(v: tf.Variable): Promise<Tensor> {
  const t = await fromTf(v);
  return tensor('float32', [...t.shape], Float32Array.from(t.data as Float32Array));
}

/** A copy of the live state as a plain {@link OptimizerStateDict} (parameters in group order). */
export async function snapshotState(kind: string, groups: ParamGroup[], state: Map<string, LiveState>): Promise<OptimizerStateDict> {
  const out: OptimizerStateDict = { kind, state: {}, groups: [] };
  for (const g of groups) {
    out.groups.push({ ...(g.name !== undefined ? { name: g.name } : {}), lr: g.lr, weightDecay: g.weightDecay, params: g.params.map((p) => p.name) });
    for (const p of g.params) {
      const s = state.get(p.name);
      if (s) out.state[p.name] = { step: s.step, expAvg: await toPlain(s.expAvg), expAvgSq: await toPlain(s.expAvgSq) };
    }
  }
  return out;
}

function checkMoment(t: unknown, p: NamedParameter, field: string): Tensor {
  const x = t as Partial<Tensor> | undefined;
  if (!x || !Array.isArray(x.shape) || !x.data) throw new Error(`optimizer state of "${p.name}": ${field} is missing or not a tensor`);
  if (!tf.util.arraysEqual(x.shape, p.variable.shape)) throw new Error(`optimizer state of "${p.name}": ${field} has shape [${x.shape}], the parameter [${p.variable.shape}]`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new Error(`optimizer state of "${p.name}": ${field} has dtype ${String(x.dtype)}, expected float32`);
  return x as Tensor;
}

/**
 * Checks `sd` against our kind, groups and parameters and converts its state to live buffers.
 * @throws Error naming the kind, group or parameter that does not match
 */
export function readStateDict(kind: string, groups: ParamGroup[], byName: Map<string, NamedParameter>, sd: OptimizerStateDict): { state: Map<string, LiveState> } {
  if (!sd || typeof sd !== 'object' || typeof sd.state !== 'object' || !Array.isArray(sd.groups)) throw new Error(`${kind}.loadStateDict: not an optimizer state dict (need kind, state, groups)`);
  if (sd.kind !== kind) throw new Error(`${kind}.loadStateDict: the state was saved by ${String(sd.kind)}, not ${kind} (was the run started with another optimizer?)`);
  if (sd.groups.length !== groups.length) throw new Error(`${kind}.loadStateDict: the state has ${sd.groups.length} parameter groups, this optimizer ${groups.length}`);
  for (const [i, g] of groups.entries()) {
    const saved = sd.groups[i]!;
    const names = g.params.map((p) => p.name);
    const savedNames = Array.isArray(saved.params) ? saved.params : [];
    const j = names.findIndex((n, k) => n !== savedNames[k]);
    if (j >= 0 || savedNames.length !== names.length) {
      const at = j >= 0 ? j : names.length;
      throw new Error(`${kind}.loadStateDict: ${groupLabel(g, i)} differs at parameter ${at}: saved "${savedNames[at] ?? '(none)'}", here "${names[at] ?? '(none)'}"`);
    }
    checkGroupHyperparameters({ ...g, lr: saved.lr, weightDecay: saved.weightDecay }, i);
  }
  const checked: [NamedParameter, ParamState][] = [];
  for (const [name, ps] of Object.entries(sd.state)) {
    const p = byName.get(name);
    if (!p) throw new Error(`${kind}.loadStateDict: state for unknown parameter "${name}"`);
    if (!Number.isInteger(ps?.step) || ps.step < 1) throw new Error(`optimizer state of "${name}": step must be an integer ≥ 1, got ${String(ps?.step)}`);
    checkMoment(ps.expAvg, p, 'expAvg');
    checkMoment(ps.expAvgSq, p, 'expAvgSq');
    checked.push([p, ps]);
  }
  const state = new Map<string, LiveState>();
  for (const [p, ps] of checked) {
    const m = toTf(ps.expAvg), v = toTf(ps.expAvgSq);
    state.set(p.name, { step: ps.step, expAvg: tf.variable(m, false), expAvgSq: tf.variable(v, false) });
    tf.dispose([m, v]);
  }
  return { state };
}
