/**
 * The benchmark transformer block written with the engine's one `nn` layer (LayerNorm, Linear, GELU,
 * the attention core) and its Adam — what a model of ours runs, fused kernels included where the
 * backend has them. Same sizes and work as bench/torch_vs_pytorch.py's idiomatic PyTorch block.
 */
import { tf } from '@weatherlearn/engine';
import { Adam } from '@weatherlearn/engine/optim';
import { Rng } from '@weatherlearn/engine/rng';
import { GELU, Init, LayerNorm, Linear, Module, attention } from '@weatherlearn/engine/nn';

/** Block sizes: batch, tokens, channels, heads, MLP width. */
export interface NnBlockDims { B: number; T: number; C: number; H: number; M: number }

class Block extends Module {
  readonly norm1: LayerNorm; readonly qkv: Linear; readonly proj: Linear; readonly norm2: LayerNorm;
  readonly fc1: Linear; readonly act = new GELU(); readonly fc2: Linear;
  constructor(readonly d: NnBlockDims, init: Init) {
    super();
    const { C, M } = d;
    this.norm1 = this.child('norm1', new LayerNorm(C, { init }));
    this.qkv = this.child('qkv', new Linear(C, 3 * C, { init }));
    this.proj = this.child('proj', new Linear(C, C, { init }));
    this.norm2 = this.child('norm2', new LayerNorm(C, { init }));
    this.fc1 = this.child('fc1', new Linear(C, M, { init }));
    this.fc2 = this.child('fc2', new Linear(M, C, { init }));
  }

  forward(x: tf.Tensor): tf.Tensor {
    const { B, T, C, H } = this.d;
    const qkv = tf.transpose(tf.reshape(this.qkv.forward(this.norm1.forward(x)), [B, T, 3, H, C / H]), [2, 0, 3, 1, 4]);
    const [q, k, v] = tf.unstack(qkv, 0);
    const o = tf.reshape(tf.transpose(attention(q!, k!, v!, { scale: (C / H) ** -0.5 }).out, [0, 2, 1, 3]), [B, T, C]);
    const x1 = tf.add(x, this.proj.forward(o));
    return tf.add(x1, this.fc2.forward(this.act.forward(this.fc1.forward(this.norm2.forward(x1)))));
  }
}

/** Builds block + data + Adam; `step()` runs one training step (MSE) and returns the loss. */
export function makeNnBlockTrainer(d: NnBlockDims): { step(): number; dispose(): void } {
  const block = new Block(d, new Init({ rng: new Rng(0) }));
  const x = tf.randomNormal([d.B, d.T, d.C], 0, 1, 'float32', 7), target = tf.randomNormal([d.B, d.T, d.C], 0, 1, 'float32', 8);
  const params = block.namedParameters();
  const opt = new Adam(params, { lr: 1e-3 });
  const step = (): number => {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(block.forward(x), target))) as tf.Scalar, params.map((p) => p.variable));
    const byName: Record<string, tf.Tensor> = {};
    for (const p of params) byName[p.name] = grads[p.variable.name]!;
    opt.step(byName);
    const v = value.dataSync()[0]!;
    tf.dispose([value, ...Object.values(grads)]);
    return v;
  };
  return { step, dispose: () => { opt.dispose(); block.dispose(); tf.dispose([x, target]); } };
}
