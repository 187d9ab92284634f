import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import type { Optimizer, ParamGroup } from './types.js';
import { makeReplay, replaySteps, torchTrace, type TorchTrace } from './torch-trace.js';

const STEPS = 120;
const FROZEN = 30;
const TOL = 1e-6;
const KINDS = ['Adam', 'AdamW'] as const;
const make = (kind: 'Adam' | 'AdamW', groups: ParamGroup[]): Optimizer => (kind === 'Adam' ? new Adam(groups) : new AdamW(groups));

let cached: TorchTrace | string | undefined;
/** The torch trace, or skips (fails on CI) when python3-torch is missing. */
function traceOrSkip(t: { skip(msg: string): void }): TorchTrace | undefined {
  cached ??= torchTrace(STEPS, FROZEN, [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((x): x is string => !!x));
  if (typeof cached === 'string') {
    if (process.env.CI === 'true') assert.fail(cached);
    t.skip(cached);
    return undefined;
  }
  return cached;
}

before(async () => { await initEngine({ backend: 'cpu' }); });

const firstOver = (d: number[]): number => d.findIndex((x) => x > TOL);
const worst = (d: number[]): { step: number; diff: number } => d.reduce((w, diff, step) => (diff > w.diff ? { step, diff } : w), { step: -1, diff: 0 });

// wasm too: scripts/test-backend.mjs puts the torch backend in its place, whose fused Adam step
// (one native call per group) must meet the same trace
for (const [kind, backend] of KINDS.flatMap((k) => (['cpu', 'wasm'] as const).map((b) => [k, b] as const))) {
  test(`${kind} on ${backend} equals torch.optim.${kind} (1.13, foreach=False) after each of ${STEPS} steps: 2 groups, lr/wd schedules, a parameter frozen for ${FROZEN} steps`, async (t) => {
    const trace = traceOrSkip(t);
    if (!trace) return;
    await initEngine({ backend });
    const r = makeReplay(trace, kind);
    const opt = make(kind, r.groups);
    const late = r.params.find((p) => p.name === 'late')!;
    const diffs = replaySteps(trace, kind, opt, r, 0, FROZEN);
    // Frozen: no decay, no step, no moments — the value is bit-for-bit the initial one.
    assert.deepEqual(Array.from(late.variable.dataSync()), trace[kind].init.late!.map(Math.fround));
    assert.equal((opt as Adam).stepOf('late'), 0);
    diffs.push(...replaySteps(trace, kind, opt, r, FROZEN, STEPS));
    assert.equal((opt as Adam).stepOf('late'), STEPS - FROZEN);
    assert.equal((opt as Adam).stepOf('w1'), STEPS);
    assert.equal(diffs.length, STEPS);
    const w = worst(diffs);
    t.diagnostic(`${kind} on ${tf.getBackend()}: max |ours − torch| = ${w.diff.toExponential(2)} (step ${w.step})`);
    assert.ok(w.diff <= TOL, `${kind}: max |ours − torch| = ${w.diff} at step ${w.step} (> ${TOL})`);
    opt.dispose(); r.dispose();
    await initEngine({ backend: 'cpu' });
  });
}

for (const kind of KINDS) {
  test(`${kind}: stateDict → new optimizer → loadStateDict mid-trace continues identically (split while frozen and after)`, async (t) => {
    const trace = traceOrSkip(t);
    if (!trace) return;
    const whole = makeReplay(trace, kind);
    const wopt = make(kind, whole.groups);
    replaySteps(trace, kind, wopt, whole, 0, STEPS);
    const final = Object.fromEntries(whole.params.map((p) => [p.name, Array.from(p.variable.dataSync())]));
    for (const split of [20, 70]) {
      const a = makeReplay(trace, kind);
      const aopt = make(kind, a.groups);
      replaySteps(trace, kind, aopt, a, 0, split);
      const sd = await aopt.stateDict();
      assert.equal(sd.kind, kind);
      assert.equal('late' in sd.state, split > FROZEN, 'a parameter that never stepped has no state');
      const weights = Object.fromEntries(a.params.map((p) => [p.name, Array.from(p.variable.dataSync())]));
      aopt.dispose(); a.dispose();
      const b = makeReplay(trace, kind, weights);
      const bopt = make(kind, b.groups);
      bopt.loadStateDict(sd);
      const diffs = replaySteps(trace, kind, bopt, b, split, STEPS);
      assert.ok(worst(diffs).diff <= TOL, `${kind} resumed at ${split}: ${JSON.stringify(worst(diffs))}`);
      for (const p of b.params) assert.deepEqual(Array.from(p.variable.dataSync()), final[p.name], `${kind} resumed at ${split}: ${p.name} differs from the uninterrupted run`);
      bopt.dispose(); b.dispose();
    }
    wopt.dispose(); whole.dispose();
  });
}

test('the trace comparison is sensitive: decaying a frozen parameter, or a global step counter, is detected', async (t) => {
  const trace = traceOrSkip(t);
  if (!trace) return;
  // (a) Zero gradients instead of "no gradient": AdamW decays the frozen parameter and counts its steps.
  let r = makeReplay(trace, 'AdamW');
  let opt: Optimizer = make('AdamW', r.groups);
  const zeros = (s: number, g: Record<string, tf.Tensor | undefined>) => (s < FROZEN ? { ...g, late: tf.zeros([5]) } : g);
  const a = replaySteps(trace, 'AdamW', opt, r, 0, STEPS, zeros);
  assert.equal(firstOver(a), 0, `decay of a frozen parameter must be detected at once, got ${JSON.stringify(worst(a))}`);
  opt.dispose(); r.dispose();
  // (b) The other kind: coupled and decoupled decay are told apart.
  r = makeReplay(trace, 'Adam');
  opt = make('AdamW', r.groups);
  assert.equal(firstOver(replaySteps(trace, 'Adam', opt, r, 0, STEPS)), 0, 'AdamW must not pass the Adam trace');
  opt.dispose(); r.dispose();
  // (c) A global step counter: at unfreezing, "late" starts from step = global step instead of 0.
  for (const kind of KINDS) {
    r = makeReplay(trace, kind);
    opt = make(kind, r.groups);
    const d = replaySteps(trace, kind, opt, r, 0, FROZEN);
    const sd = await opt.stateDict();
    sd.state.late = { step: FROZEN, expAvg: { dtype: 'float32', shape: [5], data: new Float32Array(5) }, expAvgSq: { dtype: 'float32', shape: [5], data: new Float32Array(5) } };
    opt.loadStateDict(sd);
    d.push(...replaySteps(trace, kind, opt, r, FROZEN, STEPS));
    assert.equal(firstOver(d), FROZEN, `${kind}: a global step count must be detected at the first unfrozen step, got ${JSON.stringify(worst(d))}`);
    assert.ok(d[FROZEN]! > 1e3 * TOL, `${kind}: deviation ${d[FROZEN]} at unfreezing`);
    opt.dispose(); r.dispose();
  }
});
