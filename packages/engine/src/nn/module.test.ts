import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { initEngine, tf } from '../index.js';
import { Rng } from '../random/rng.js';
import { Init, Module, ModuleList, Linear, LayerNorm } from './index.js';

before(async () => { await initEngine({ backend: 'cpu' }); });

class Block extends Module {
  readonly fc: Linear;
  readonly norm: LayerNorm;
  readonly scale: tf.Variable;
  constructor(init: Init) {
    super();
    this.norm = this.child('norm', new LayerNorm(4, { init }));
    this.fc = this.child('fc', new Linear(4, 3, { init }));
    this.scale = this.param('scale', [1], init, { kind: 'constant', value: 2 }, false);
  }
}

class Net extends Module {
  readonly blocks = new ModuleList<Block>();
  constructor(init: Init) {
    super();
    this.child('blocks', this.blocks);
    this.blocks.push(new Block(init));
    this.blocks.push(new Block(init));
  }
}

test('dotted names are the PyTorch state-dict keys, in torch order (own parameters, then children); paths name the module', () => {
  const net = new Net(new Init({ rng: new Rng(1) }));
  assert.deepEqual(net.namedParameters().map((p) => p.name), [
    'blocks.0.scale', 'blocks.0.norm.weight', 'blocks.0.norm.bias', 'blocks.0.fc.weight', 'blocks.0.fc.bias',
    'blocks.1.scale', 'blocks.1.norm.weight', 'blocks.1.norm.bias', 'blocks.1.fc.weight', 'blocks.1.fc.bias',
  ]);
  assert.equal(net.trainableParameters().length, 8, 'frozen `scale` is not trainable');
  assert.equal(net.blocks.at(1)!.fc.path, 'blocks.1.fc');
  assert.equal(net.parameterCount(), 2 * (4 + 4 + 12 + 3 + 1));
  assert.deepEqual(net.namedModules().map(([n]) => n).slice(0, 4), ['', 'blocks', 'blocks.0', 'blocks.0.norm']);
  net.eval();
  assert.ok(net.namedModules().every(([, m]) => !m.training));
  net.train();
  assert.ok(net.blocks.at(0)!.fc.training);
  net.dispose();
});

test('stateDict → loadStateDict round trip; strict errors name the keys; shape errors name both shapes', () => {
  const a = new Net(new Init({ rng: new Rng(1) }));
  const b = new Net(new Init({ rng: new Rng(2) }));
  const sd = a.stateDict();
  assert.notDeepEqual(b.stateDict()['blocks.0.fc.weight']!.data, sd['blocks.0.fc.weight']!.data);
  const r = b.loadStateDict(sd);
  assert.equal(r.loadedKeys.length, 10);
  assert.deepEqual(b.stateDict()['blocks.1.fc.weight']!.data, sd['blocks.1.fc.weight']!.data);

  const missing = { ...sd };
  delete missing['blocks.1.fc.bias'];
  assert.throws(() => b.loadStateDict({ ...missing, extra: sd['blocks.0.scale']! }), /missing keys \[blocks\.1\.fc\.bias\], unexpected keys \[extra\]/);
  const lax = b.loadStateDict({ ...missing, 'x.attn_mask': sd['blocks.0.scale']! }, { strict: false, ignore: /attn_mask$/ });
  assert.deepEqual([lax.missingKeys, lax.unexpectedKeys, lax.ignoredKeys], [['blocks.1.fc.bias'], [], ['x.attn_mask']]);
  const bad = { ...sd, 'blocks.0.fc.weight': { dtype: 'float32' as const, shape: [4, 3], data: new Float32Array(12) } };
  assert.throws(() => b.loadStateDict(bad, { source: 'w.pt' }), /w\.pt: "blocks\.0\.fc\.weight" has shape \[4, 3\], the model expects \[3, 4\]/);
  a.dispose(); b.dispose();
});

test('meta mode records shapes without drawing or allocating', () => {
  const before = tf.memory().numTensors;
  const rng = new Rng(5);
  const s = rng.state();
  const net = new Net(new Init({ rng, meta: true }));
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(rng.state(), s, 'the generator did not advance');
  assert.equal(net.parameterCount(), 48);
  assert.deepEqual(net.parameterInfo()[3], { name: 'blocks.0.fc.weight', shape: [3, 4], trainable: true });
  assert.throws(() => net.namedParameters(), /meta mode/);
});

test('the same seed builds the same model; another seed another one', () => {
  const w = (seed: number) => Array.from(new Net(new Init({ rng: new Rng(seed) })).blocks.at(0)!.fc.weight.dataSync());
  assert.deepEqual(w(3), w(3));
  assert.notDeepEqual(w(3), w(4));
});
