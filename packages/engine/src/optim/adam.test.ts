import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { Adam, AdamW, DEFAULT_ADAMW_OPTIONS, isNoDecayParameter, paramGroupsByDecay, type NamedParameter } from './index.js';
import { assertSameOnWasmAndCpu } from '../kernels/testing.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

const param = (name: string, values: number[], shape = [values.length]): NamedParameter => ({ name, variable: tf.variable(tf.tensor(values, shape), true) });

/** Float64 torch.optim.Adam/AdamW on one scalar parameter, from the torch docs' algorithm. */
function reference(decoupled: boolean, p0: number, grads: number[], lr: number, wd: number): number {
  let p = p0, m = 0, v = 0;
  grads.forEach((g0, i) => {
    const t = i + 1;
    let g = g0;
    if (decoupled) p *= 1 - lr * wd; else g += wd * p;
    m = 0.9 * m + 0.1 * g;
    v = 0.999 * v + 0.001 * g * g;
    p -= (lr / (1 - 0.9 ** t)) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 ** t) + 1e-8);
  });
  return p;
}

test('Adam (coupled L2) and AdamW (decoupled) follow the algorithm and differ from each other', () => {
  const grads = [0.5, -0.2, 0.3, 0.01];
  for (const [Kind, decoupled] of [[Adam, false], [AdamW, true]] as const) {
    const p = param('w', [2]);
    const opt = new Kind([p], { lr: 0.1, weightDecay: 0.3 });
    for (const g of grads) opt.step({ w: tf.tensor1d([g]) });
    assert.ok(Math.abs(p.variable.dataSync()[0]! - reference(decoupled, 2, grads, 0.1, 0.3)) < 1e-6, Kind.name);
    assert.ok(Math.abs(p.variable.dataSync()[0]! - reference(!decoupled, 2, grads, 0.1, 0.3)) > 1e-3, `${Kind.name} is not the other kind`);
    opt.dispose(); p.variable.dispose();
  }
});

test('constructor: torch defaults fill the given group objects; bad hyper-parameters and duplicates are errors', () => {
  const a = param('a', [1]), b = param('b', [1]);
  const groups = [{ name: 'g0', params: [a] }, { params: [b], lr: 0.5, weightDecay: 0 }];
  const opt = new AdamW(groups);
  assert.equal(opt.paramGroups[0], groups[0], 'the group objects are kept (torch setdefault)');
  assert.equal(opt.paramGroups[0]!.lr, 1e-3);
  assert.equal(opt.paramGroups[0]!.weightDecay, DEFAULT_ADAMW_OPTIONS.weightDecay);
  assert.equal(new Adam([a]).paramGroups[0]!.weightDecay, 0);
  assert.deepEqual([opt.betas, opt.eps, opt.kind], [[0.9, 0.999], 1e-8, 'AdamW']);
  assert.throws(() => new Adam([a], { betas: [1, 0.999] }), /betas must lie in \[0, 1\)/);
  assert.throws(() => new Adam([{ name: 'x', params: [a], lr: -1 }]), /group 0 \("x"\): lr must be a finite number ≥ 0/);
  assert.throws(() => new Adam([{ params: [a] }, { params: [a] }]), /parameter "a" appears in more than one group/);
  assert.throws(() => new Adam([]), /no parameter groups/);
  opt.paramGroups[1]!.weightDecay = Number.NaN;
  assert.throws(() => opt.step({ a: tf.ones([1]) }), /group 1: weightDecay must be a finite number/);
  assert.throws(() => new Adam([a]).step({ a: tf.ones([2]) }), /gradient of "a" has shape \[2\], the parameter \[1\]/);
  tf.dispose([a.variable, b.variable]);
});

test('a missing gradient skips the parameter entirely; steps are counted per parameter', () => {
  const a = param('a', [1, 2]), b = param('b', [3]);
  const opt = new AdamW([a, b], { lr: 0.1, weightDecay: 0.5 });
  opt.step({ a: tf.ones([2]), b: null });
  opt.step({ a: tf.ones([2]) });
  assert.deepEqual(Array.from(b.variable.dataSync()), [3], 'no decay without a gradient');
  assert.deepEqual([opt.stepOf('a'), opt.stepOf('b')], [2, 0]);
  opt.step({ b: tf.ones([1]), unknown: tf.ones([7]) });
  assert.deepEqual([opt.stepOf('a'), opt.stepOf('b')], [2, 1]);
  opt.dispose(); tf.dispose([a.variable, b.variable]);
});

test('loadStateDict: errors name the kind, group or parameter, and a failed load changes nothing', async () => {
  const a = param('a', [1, 2]), b = param('b', [3]);
  const opt = new Adam([{ name: 'main', params: [a, b], lr: 0.1, weightDecay: 0.01 }]);
  opt.step({ a: tf.ones([2]), b: tf.ones([1]) });
  const sd = await opt.stateDict();
  assert.deepEqual(sd.groups, [{ name: 'main', lr: 0.1, weightDecay: 0.01, params: ['a', 'b'] }]);
  assert.equal(sd.state.a!.step, 1);
  assert.throws(() => new AdamW([{ name: 'main', params: [a, b] }]).loadStateDict(sd), /state was saved by Adam, not AdamW/);
  assert.throws(() => new Adam([{ params: [b, a] }]).loadStateDict(sd), /group 0 differs at parameter 0: saved "a", here "b"/);
  assert.throws(() => new Adam([{ params: [a] }, { params: [b] }]).loadStateDict(sd), /has 1 parameter groups, this optimizer 2/);
  const bad = { ...sd, state: { ...sd.state, b: { ...sd.state.b!, expAvg: { dtype: 'float32' as const, shape: [2], data: new Float32Array(2) } } } };
  assert.throws(() => opt.loadStateDict(bad), /optimizer state of "b": expAvg has shape \[2\], the parameter \[1\]/);
  assert.throws(() => opt.loadStateDict({ ...sd, state: { ...sd.state, zz: sd.state.a! } }), /unknown parameter "zz"/);
  assert.throws(() => opt.loadStateDict({ ...sd, state: { a: { ...sd.state.a!, step: 0 } } }), /"a": step must be an integer ≥ 1/);
  assert.equal(opt.stepOf('b'), 1, 'failed loads left the state alone');
  sd.groups[0]!.lr = 0.25;
  opt.loadStateDict(sd);
  assert.equal(opt.paramGroups[0]!.lr, 0.25, 'group hyper-parameters come from the state dict (as torch)');
  opt.dispose(); tf.dispose([a.variable, b.variable]);
});

test('paramGroupsByDecay: DINO\'s rule (biases and 1-D tensors undecayed) or a custom one', () => {
  const w = param('fc.weight', [1, 2, 3, 4], [2, 2]), bias = param('fc.bias', [0, 0]), norm = param('norm.weight', [1, 1]), tok = param('cls_token', [0, 0], [1, 2]);
  const g = paramGroupsByDecay([w, bias, norm, tok]);
  assert.deepEqual(g.map((x) => [x.name, x.params.map((p) => p.name), x.weightDecay]), [['decay', ['fc.weight', 'cls_token'], undefined], ['no_decay', ['fc.bias', 'norm.weight'], 0]]);
  const opt = new AdamW(g, { weightDecay: 0.04 });
  assert.deepEqual(opt.paramGroups.map((x) => x.weightDecay), [0.04, 0]);
  const custom = paramGroupsByDecay([w, bias], { noDecay: (n) => n === 'fc.weight', lr: 0.3, weightDecay: 0.1 });
  assert.deepEqual(custom.map((x) => [x.params.map((p) => p.name), x.lr, x.weightDecay]), [[['fc.bias'], 0.3, 0.1], [['fc.weight'], 0.3, 0]]);
  assert.equal(isNoDecayParameter('x.bias', w.variable), true);
  opt.dispose(); tf.dispose([w, bias, norm, tok].map((p) => p.variable));
});

test('Adam and AdamW steps on wasm match cpu', async () => {
  await assertSameOnWasmAndCpu('adam/adamw', () => {
    const out: tf.Tensor[] = [];
    for (const Kind of [Adam, AdamW]) {
      const p = { name: 'w', variable: tf.variable(tf.tensor2d([[0.3, -0.7], [1.1, 0.2]])) };
      const x = tf.tensor2d([[1, 2], [3, 4]]);
      const opt = new Kind([p], { lr: 0.01, weightDecay: 0.1 });
      for (let i = 0; i < 4; i++) {
        const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.sub(tf.matMul(x, p.variable), 1))) as tf.Scalar, [p.variable]);
        opt.step({ w: grads[p.variable.name] });
        tf.dispose(grads);
      }
      out.push(tf.clone(p.variable));
      p.variable.dispose(); opt.dispose();
    }
    return out;
  }, 1e-5, 1e-5);
});
