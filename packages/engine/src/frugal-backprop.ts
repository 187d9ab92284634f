/**
 * A backward pass that frees memory as it goes, as PyTorch's autograd does. tfjs' own
 * `engine.gradients` keeps every tape node's saved tensors and every intermediate gradient alive
 * until the whole backward pass ends, so the peak of a training step is all activations plus all
 * their gradients — the reason a Pangu step needed activation checkpointing. This replacement (same
 * results, same errors) disposes a node's saved tensors once its gradient has run and an
 * intermediate tensor's gradient once the node that produced the tensor has consumed it; nodes on no
 * path from the variables to the loss (e.g. DINO's teacher forward) drop theirs before the pass. It applies
 * to first-order gradients (tape depth 0); higher-order ones keep tfjs' behaviour.
 *
 * Second, tfjs' gradients of Add, Sub, Reshape, Slice, PadV2, Concat, Mean, Sum and ExpandDims save
 * their inputs only to read their shapes — which keeps, e.g., every residual branch and every
 * padded or rolled copy alive until the backward pass. For those, the tape keeps a shape-only
 * stand-in instead (as long as tfjs-core's own gradient is the registered one).
 */
import { tf } from './tf.js';

interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

interface EngineInternals {
  getTensorsForGradient(kernelName: string, inputs: Record<string, tf.Tensor>, outputs: tf.Tensor[]): tf.Tensor[];
  saveTensorsForBackwardMode(tensors: tf.Tensor[]): tf.Tensor[];
  keep<T extends tf.Tensor>(t: T): T;
  clone<T extends tf.Tensor>(t: T): T;
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T>(nameOrFn: string | (() => T), fn?: () => T): T;
  gradients: (f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients?: boolean) => { value: tf.Tensor; grads: tf.Tensor[] };
}

/** Kernels whose tfjs-core gradient reads only the shapes of these saved inputs (`*`: all inputs). */
const SHAPE_ONLY: Record<string, string[]> = {
  Add: ['a', 'b'], Sub: ['a', 'b'], Reshape: ['x'], Slice: ['x'], PadV2: ['x'], Concat: ['*'], Mean: ['x'], Sum: ['x'], ExpandDims: ['input'],
};

const STAND_IN = Symbol('shape-only stand-in');

/** What the tape keeps of a shape-only input: its shape, rank, size and dtype, and a no-op dispose. */
function standIn(t: tf.Tensor): tf.Tensor {
  return { [STAND_IN]: true, shape: t.shape.slice(), rank: t.rank, size: t.size, dtype: t.dtype, isDisposed: false, dispose() {} } as unknown as tf.Tensor;
}

function shapeOnlySaves(engine: EngineInternals, tfjs: Hooks): Pick<Hooks, 'getTensorsForGradient' | 'saveTensorsForBackwardMode'> {
  const tfjsGrads = new Map<string, tf.GradFunc>();
  for (const k of Object.keys(SHAPE_ONLY)) {
    const g = tf.getGradient(k);
    if (g) tfjsGrads.set(k, g.gradFunc);
  }
  return {
    getTensorsForGradient(kernelName, inputs, outputs) {
      const list = tfjs.getTensorsForGradient.call(engine, kernelName, inputs, outputs);
      const names = SHAPE_ONLY[kernelName];
      const cfg = tf.getGradient(kernelName);
      if (!names || !cfg || cfg.gradFunc !== tfjsGrads.get(kernelName)) return list;
      if (names[0] === '*') return list.map(standIn);
      const saved = cfg.inputsToSave ?? [];
      return list.map((t, i) => (i < saved.length && names.includes(saved[i]!) ? standIn(t) : t));
    },
    saveTensorsForBackwardMode(tensors) {
      const isStandIn = (t: tf.Tensor) => (t as unknown as Record<symbol, boolean>)[STAND_IN] === true;
      if (!tensors.some(isStandIn)) return tfjs.saveTensorsForBackwardMode.call(engine, tensors);
      return tensors.map((t) => (isStandIn(t) ? t : engine.keep(engine.clone(t))));
    },
  };
}

/** The nodes on a path from one of `xs` to `y`, inputs pruned to those that depend on `xs`. */
function nodesBetween(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const reached = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((t) => fromX.has(t.id))) {
      reached.add(node.id);
      for (const o of node.outputs) fromX.add(o.id);
    }
  }
  const toY = new Set([y.id]);
  const leads = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    if (node.outputs.some((o) => toY.has(o.id))) {
      leads.add(node.id);
      for (const t of Object.values(node.inputs)) toY.add(t.id);
    }
  }
  return tape.filter((n) => reached.has(n.id) && leads.has(n.id)).map((n) => {
    const inputs: Record<string, tf.Tensor> = {};
    for (const [k, t] of Object.entries(n.inputs)) if (fromX.has(t.id)) inputs[k] = t;
    return { ...n, inputs };
  });
}

function backprop(engine: EngineInternals, grads: Map<number, tf.Tensor>, nodes: TapeNode[], frugal: boolean, keep: Set<number>, userDy: tf.Tensor | undefined): void {
  const held = new Set<tf.Tensor>(grads.values());
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
    if (!node.gradient) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
    const inputGrads = node.gradient(dys);
    for (const [name, x] of Object.entries(node.inputs)) {
      const fn = inputGrads[name];
      if (!fn) throw new Error(`Cannot backprop through input ${name}. Available gradients found: ${Object.keys(inputGrads)}.`);
      let dx = engine.tidy(() => fn());
      if (dx.dtype !== 'float32') throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`);
      if (!tf.util.arraysEqual(dx.shape, x.shape)) {
        throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`);
      }
      // a gradient function may hand back dy itself or a saved tensor: own a reference of our own
      if (frugal && (held.has(dx) || dys.includes(dx) || node.saved?.includes(dx) || dx === userDy)) dx = tf.clone(dx);
      const cur = grads.get(x.id);
      if (!cur) {
        grads.set(x.id, dx);
        held.add(dx);
      } else {
        const sum = tf.add(cur, dx);
        grads.set(x.id, sum);
        held.delete(cur);
        held.add(sum);
        cur.dispose();
        if (frugal) dx.dispose();
      }
    }
    if (!frugal) continue;
    for (const t of node.saved ?? []) t.dispose();
    for (const o of node.outputs) {
      const g = grads.get(o.id);
      if (!g || keep.has(o.id) || g === userDy) continue;
      grads.delete(o.id);
      held.delete(g);
      g.dispose();
    }
  }
}

type Hooks = Pick<EngineInternals, 'gradients' | 'getTensorsForGradient' | 'saveTensorsForBackwardMode'>;
let hooks: { tfjs: Hooks; frugal: Hooks } | undefined;

function frugalGradients(this: EngineInternals, f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients = false): { value: tf.Tensor; grads: tf.Tensor[] } {
  if (xs.length === 0) throw new Error('gradients() received an empty list of xs.');
  if (dy != null && dy.dtype !== 'float32') throw new Error(`dy must have 'float32' dtype, but has '${dy.dtype}'`);
  const y = this.scopedRun(() => this.startTape(), () => this.endTape(), () => this.tidy('forward', f));
  if (!(y instanceof tf.Tensor)) throw new Error('The result y returned by f() must be a tensor.');
  const nodes = nodesBetween(this.state.activeTape ?? [], xs, y);
  if (!allowNoGradients && nodes.length === 0 && xs.length > 0) {
    throw new Error('Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.');
  }
  const topLevel = this.state.gradientDepth === 0;
  if (topLevel) {
    // nodes off every x → y path (a teacher's forward, constants) never run their gradient: free now
    const onPath = new Set(nodes.map((n) => n.id));
    for (const node of this.state.activeTape ?? []) if (!onPath.has(node.id)) for (const t of node.saved ?? []) t.dispose();
  }
  return this.tidy('backward', () => {
    const grads = new Map<number, tf.Tensor>([[y.id, dy ?? tf.ones(y.shape)]]);
    backprop(this, grads, nodes, topLevel, new Set(xs.map((x) => x.id)), dy ?? undefined);
    const out = xs.map((x) => grads.get(x.id)!);
    if (topLevel) {
      for (const node of this.state.activeTape ?? []) for (const t of node.saved ?? []) t.dispose();
      this.state.activeTape = null;
    }
    return { value: y, grads: out };
  });
}

/**
 * Turns the frugal backward pass (and the shape-only saves) on or off in the tfjs engine behind
 * `tf.grads`, `tf.variableGrads` and `optimizer.minimize`; returns the previous setting. On by
 * default: `initEngine` installs it. Off restores tfjs-core's own behaviour (for comparisons).
 */
export function setFrugalBackprop(on: boolean): boolean {
  const engine = tf.engine() as unknown as EngineInternals;
  if (!hooks) {
    const tfjs: Hooks = { gradients: engine.gradients, getTensorsForGradient: engine.getTensorsForGradient, saveTensorsForBackwardMode: engine.saveTensorsForBackwardMode };
    const shapeOnly = shapeOnlySaves(engine, tfjs);
    hooks = { tfjs, frugal: { gradients: frugalGradients, ...shapeOnly } };
  }
  const was = engine.gradients === hooks.frugal.gradients;
  Object.assign(engine, on ? hooks.frugal : hooks.tfjs);
  return was;
}

/** Installs the frugal backward pass once (`initEngine` calls it; {@link setFrugalBackprop} toggles). */
export function installFrugalBackprop(): void {
  if (!hooks) setFrugalBackprop(true);
}
