/**
 * Test support (not exported): runs `fixtures/torch_optim_trace.py` under python3 with torch and
 * replays its trace through one of our optimizers, reporting the deviation after every step.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tf } from '../tf.js';
import type { NamedParameter, Optimizer, ParamGroup } from './types.js';

/** One optimizer's trace: initial values, per-step schedules, gradients and parameters (flat float32 values). */
export interface KindTrace {
  init: Record<string, number[]>;
  lr: [number, number][];
  wd: [number, number][];
  grads: Record<string, number[]>[];
  params: Record<string, number[]>[];
}

/** The script's whole output. */
export interface TorchTrace {
  torch: string;
  shapes: Record<string, number[]>;
  groups: [string[], string[]];
  frozen: number;
  Adam: KindTrace;
  AdamW: KindTrace;
}

const SCRIPT = fileURLToPath(new URL('./fixtures/torch_optim_trace.py', import.meta.url));

/** The trace from the first of `pythons` that runs it, or a reason why none could. */
export function torchTrace(steps: number, frozen: number, pythons: string[]): TorchTrace | string {
  const tried: string[] = [];
  for (const py of pythons) {
    const r = spawnSync(py, [SCRIPT, String(steps), String(frozen)], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    if (r.status === 0) return JSON.parse(r.stdout) as TorchTrace;
    tried.push(`${py}: ${r.error?.message ?? r.stderr.trim().split('\n').pop()}`);
  }
  return `python3 with torch (Debian python3-torch) is needed for the torch.optim traces (${tried.join('; ')})`;
}

/** A live replay: the parameters (fresh variables from the trace's initial values) in their groups. */
export interface Replay {
  params: NamedParameter[];
  groups: ParamGroup[];
  dispose(): void;
}

/** Fresh parameters at the trace's initial values, grouped as in the script (lr/wd set per step). */
export function makeReplay(trace: TorchTrace, kind: 'Adam' | 'AdamW', init?: Record<string, number[]>): Replay {
  const t = trace[kind];
  const params = Object.entries(trace.shapes).map(([name, shape]) => ({ name, variable: tf.variable(tf.tensor((init ?? t.init)[name]!, shape, 'float32'), true) }));
  const byName = new Map(params.map((p) => [p.name, p]));
  const groups = trace.groups.map((names) => ({ params: names.map((n) => byName.get(n)!), lr: 0, weightDecay: 0 }));
  return { params, groups, dispose: () => tf.dispose(params.map((p) => p.variable)) };
}

/**
 * Runs steps `[from, to)` of the trace on `opt` (setting each group's lr/wd first, feeding the
 * recorded gradients, `undefined` where torch had `grad = None`) and returns max |ours − torch| after each step.
 * `feed` may rewrite the gradients a step gets (the negative tests use it).
 */
export function replaySteps(trace: TorchTrace, kind: 'Adam' | 'AdamW', opt: Optimizer, r: Replay, from: number, to: number,
  feed: (step: number, grads: Record<string, tf.Tensor | undefined>) => Record<string, tf.Tensor | undefined> = (_s, g) => g): number[] {
  const t = trace[kind];
  const out: number[] = [];
  for (let s = from; s < to; s++) {
    opt.paramGroups.forEach((g, i) => { g.lr = t.lr[s]![i]!; g.weightDecay = t.wd[s]![i]!; });
    const grads: Record<string, tf.Tensor | undefined> = {};
    for (const p of r.params) {
      const g = t.grads[s]![p.name];
      grads[p.name] = g ? tf.tensor(g, p.variable.shape, 'float32') : undefined;
    }
    const fed = feed(s, grads);
    opt.step(fed);
    tf.dispose([...Object.values(grads), ...Object.values(fed)].filter((x): x is tf.Tensor => x !== undefined));
    let max = 0;
    for (const p of r.params) {
      const ours = p.variable.dataSync();
      const ref = t.params[s]![p.name]!;
      for (let i = 0; i < ref.length; i++) max = Math.max(max, Math.abs(ours[i]! - ref[i]!));
    }
    out.push(max);
  }
  return out;
}
