/**
 * The fused Adam/AdamW step: every parameter of a group updated in one backend kernel
 * ({@link FUSED_KERNELS}.adamStep, PyTorch's foreach Adam) with the arithmetic of the composite
 * update in `adam-core.ts`, operation for operation and with the same float32 scalars.
 */
import { tf } from '../tf.js';
import { FUSED_KERNELS, hasFusedKernel, runFused } from '../fused/kernels.js';
import type { LiveState } from './state-dict.js';

/** One parameter's share of a fused step. */
export interface FusedAdamItem {
  p: tf.Variable;
  grad: tf.Tensor;
  s: LiveState;
}

/** Hyper-parameters of the group being stepped. */
export interface FusedAdamGroup {
  lr: number;
  weightDecay: number;
  betas: readonly [number, number];
  eps: number;
  decoupled: boolean;
}

/** Whether the active backend runs the fused step. */
export function hasFusedAdam(): boolean {
  return hasFusedKernel(FUSED_KERNELS.adamStep);
}

/**
 * The 7 scalars per parameter the kernel reads: decay flag, decay factor (AdamW `1 − lr·wd`, Adam
 * `wd`), b1, b2, `√(1 − b2^step)`, eps, `lr/(1 − b1^step)` — computed in JS exactly as the
 * composite update computes them (the kernel rounds each to float32 as tfjs does).
 */
export function adamScalars(step: number, g: FusedAdamGroup): number[] {
  const [b1, b2] = g.betas;
  const { lr, weightDecay: wd } = g;
  const flag = g.decoupled ? lr * wd !== 0 : wd !== 0;
  const decay = g.decoupled ? 1 - lr * wd : wd;
  return [flag ? 1 : 0, decay, b1, b2, Math.sqrt(1 - b2 ** step), g.eps, lr / (1 - b1 ** step)];
}

/**
 * Elements per kernel call. The kernel returns new tensors (tfjs tensors are immutable: a parameter's
 * data may be shared with other tensors), so a call briefly holds old and new values of everything it
 * updates; chunks bound that to ~3 × 16 MiB (or one parameter, if larger) instead of 3 × the model.
 */
export const FUSED_ADAM_CHUNK = 1 << 22;

/** Updates every item (step counts already incremented), one kernel call per chunk, and assigns the results. */
export function fusedAdamStep(items: FusedAdamItem[], g: FusedAdamGroup): void {
  let chunk: FusedAdamItem[] = [];
  let size = 0;
  for (const it of items) {
    if (chunk.length > 0 && size + it.p.size > FUSED_ADAM_CHUNK) {
      stepChunk(chunk, g);
      chunk = [];
      size = 0;
    }
    chunk.push(it);
    size += it.p.size;
  }
  if (chunk.length > 0) stepChunk(chunk, g);
}

function stepChunk(items: FusedAdamItem[], g: FusedAdamGroup): void {
  tf.tidy(() => {
    const inputs: Record<string, tf.Tensor> = {};
    const scalars: number[] = [];
    items.forEach(({ p, grad, s }, i) => {
      inputs[`p${i}`] = p;
      inputs[`g${i}`] = grad;
      inputs[`m${i}`] = s.expAvg;
      inputs[`v${i}`] = s.expAvgSq;
      scalars.push(...adamScalars(s.step, g));
    });
    const out = runFused<tf.Tensor[]>(FUSED_KERNELS.adamStep, inputs, { scalars, decoupled: g.decoupled });
    items.forEach(({ p, s }, i) => {
      p.assign(out[3 * i]!);
      s.expAvg.assign(out[3 * i + 1]!);
      s.expAvgSq.assign(out[3 * i + 2]!);
    });
  });
}
