/**
 * `Einsum`, which tfjs-backend-wasm 4.22 lacks, plus a gradient (tfjs-core 4.22 has none).
 * Any number of operands, explicit (`ij,jk->ik`) or implicit (`ij,jk`) output, repeated letters
 * within an operand (diagonals). No ellipsis. Cost is Π(all letter sizes): fine for the small
 * contractions models use; big contractions should be written as matMul.
 */
import { tf } from '../tf.js';
import type { KernelFix } from '../kernel-fixes.js';
import { wasmArrayKernel, type NumericArray } from './adapter.js';

/** A parsed equation: one subscript string per operand and the output subscripts. */
export interface EinsumSpec {
  inputs: string[];
  output: string;
}

/** Parses an einsum equation, checking it against the operand shapes; errors name the operand. */
export function parseEinsum(equation: string, shapes: number[][]): { spec: EinsumSpec; sizes: Map<string, number> } {
  const eq = equation.replace(/\s+/g, '');
  if (eq.includes('.')) throw new Error(`einsum '${equation}': ellipsis (...) is not supported`);
  const [lhs, rhs, extra] = eq.split('->');
  if (extra !== undefined) throw new Error(`einsum '${equation}': more than one '->'`);
  const inputs = lhs!.split(',');
  if (inputs.length !== shapes.length) throw new Error(`einsum '${equation}': ${inputs.length} subscripts for ${shapes.length} operands`);
  const sizes = new Map<string, number>();
  inputs.forEach((sub, k) => {
    if (!/^[a-zA-Z]*$/.test(sub)) throw new Error(`einsum '${equation}': operand ${k} subscripts '${sub}' must be letters`);
    if (sub.length !== shapes[k]!.length) throw new Error(`einsum '${equation}': operand ${k} has rank ${shapes[k]!.length} but subscripts '${sub}'`);
    [...sub].forEach((c, d) => {
      const n = shapes[k]![d]!;
      const prev = sizes.get(c);
      if (prev !== undefined && prev !== n) throw new Error(`einsum '${equation}': letter '${c}' is ${prev} and ${n} (operand ${k}, axis ${d})`);
      sizes.set(c, n);
    });
  });
  let output = rhs;
  if (output === undefined) {
    const counts = new Map<string, number>();
    for (const c of inputs.join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
    output = [...counts].filter(([, n]) => n === 1).map(([c]) => c).sort().join('');
  }
  for (const c of output) {
    if (!sizes.has(c)) throw new Error(`einsum '${equation}': output letter '${c}' does not appear in any operand`);
    if (output.indexOf(c) !== output.lastIndexOf(c)) throw new Error(`einsum '${equation}': output letter '${c}' repeated`);
  }
  return { spec: { inputs, output }, sizes };
}

/** Offsets of every row-major combination of `dims` with per-dimension `strides`. */
function offsets(dims: number[], strides: number[]): Int32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const out = new Int32Array(n);
  const idx = new Array<number>(dims.length).fill(0);
  let off = 0;
  for (let i = 0; i < n; i++) {
    out[i] = off;
    for (let d = dims.length - 1; d >= 0; d--) {
      idx[d]!++; off += strides[d]!;
      if (idx[d]! < dims[d]!) break;
      off -= idx[d]! * strides[d]!; idx[d] = 0;
    }
  }
  return out;
}

/** Evaluates a parsed einsum on typed arrays; returns the output in C order. */
export function einsumImpl(spec: EinsumSpec, sizes: Map<string, number>, shapes: number[][], values: NumericArray[]): Float32Array {
  const sumLetters = [...sizes.keys()].filter((c) => !spec.output.includes(c));
  const letterStride = (k: number, c: string): number => {
    let s = 0, stride = 1;
    for (let d = shapes[k]!.length - 1; d >= 0; d--) { if (spec.inputs[k]![d] === c) s += stride; stride *= shapes[k]![d]!; }
    return s;
  };
  const outDims = [...spec.output].map((c) => sizes.get(c)!);
  const sumDims = sumLetters.map((c) => sizes.get(c)!);
  const outOff = spec.inputs.map((_, k) => offsets(outDims, [...spec.output].map((c) => letterStride(k, c))));
  const sumOff = spec.inputs.map((_, k) => offsets(sumDims, sumLetters.map((c) => letterStride(k, c))));
  const nOut = outOff[0]?.length ?? 1, nSum = sumOff[0]?.length ?? 1, nIn = values.length;
  const out = new Float32Array(nOut);
  for (let o = 0; o < nOut; o++) {
    let acc = 0;
    for (let s = 0; s < nSum; s++) {
      let p = 1;
      for (let k = 0; k < nIn; k++) p *= values[k]![outOff[k]![o]! + sumOff[k]![s]!]!;
      acc += p;
    }
    out[o] = acc;
  }
  return out;
}

/** Registers our `Einsum` on wasm. */
export const einsumFix: KernelFix = {
  kernelName: 'Einsum',
  backendName: 'wasm',
  reason: 'missing in tfjs-backend-wasm 4.22',
  create: () => wasmArrayKernel((inputs, attrs) => {
    const ops = Object.keys(inputs).sort((a, b) => Number(a) - Number(b)).map((k) => inputs[k]!);
    const shapes = ops.map((t) => t.shape);
    const { spec, sizes } = parseEinsum((attrs as unknown as tf.EinsumAttrs).equation, shapes);
    const values = einsumImpl(spec, sizes, shapes, ops.map((t) => t.values));
    return { shape: [...spec.output].map((c) => sizes.get(c)!), dtype: 'float32', values };
  }),
};

/**
 * Gradient of Einsum: operand i gets einsum(out, other operands → its letters that appear
 * elsewhere), broadcast over letters summed only inside operand i. Operands with a repeated letter
 * (diagonals) are not differentiable here and throw.
 */
export const einsumGradConfig: tf.GradConfig = {
  kernelName: 'Einsum',
  saveAllInputs: true,
  gradFunc: (dy, saved, attrs) => {
    const eq = (attrs as unknown as tf.EinsumAttrs).equation;
    const { spec } = parseEinsum(eq, saved.map((t) => t.shape));
    const grads: Record<string, () => tf.Tensor> = {};
    saved.forEach((x, i) => {
      grads[i] = () => {
        const sub = spec.inputs[i]!;
        if (new Set(sub).size !== sub.length) throw new Error(`einsum '${eq}': no gradient for operand ${i} with a repeated letter ('${sub}')`);
        const others = spec.inputs.filter((_, k) => k !== i);
        const elsewhere = spec.output + others.join('');
        const keep = [...sub].filter((c) => elsewhere.includes(c)).join('');
        const g = tf.einsum(`${[spec.output, ...others].join(',')}->${keep}`, dy as tf.Tensor, ...saved.filter((_, k) => k !== i));
        const shape = [...sub].map((c, d) => (keep.includes(c) ? x.shape[d]! : 1));
        return tf.broadcastTo(tf.reshape(g, shape), x.shape);
      };
    });
    return grads;
  },
};
