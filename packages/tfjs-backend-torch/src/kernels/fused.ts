import { FUSED_KERNELS as K, tf } from '@weatherlearn/engine';
import { h, input, kernel } from './util.js';

interface AttnAttrs { scale: number; scaleQ: boolean }

/**
 * The engine's fused training kernels ({@link K}): LayerNorm, GELU, Linear and the attention
 * probabilities with their backward kernels, and the multi-parameter Adam step — one libtorch call each.
 */
export const fusedKernels: tf.KernelConfig[] = [
  kernel(K.layerNorm, ({ inputs, attrs, backend }) => {
    const n = (k: string) => h(backend, inputs, k, K.layerNorm);
    return backend.adopt(backend.native.layerNorm(n('x'), n('gamma'), n('beta'), (attrs as { eps: number }).eps));
  }),
  kernel(K.layerNormGrad, ({ inputs, attrs, backend }) => {
    const n = (k: string) => h(backend, inputs, k, K.layerNormGrad);
    return backend.native.layerNormGrad(n('dy'), n('x'), n('gamma'), n('beta'), (attrs as { eps: number }).eps).map((r) => backend.adopt(r));
  }),
  kernel(K.gelu, ({ inputs, backend }) => backend.adopt(backend.native.gelu(h(backend, inputs, 'x', K.gelu)))),
  kernel(K.geluGrad, ({ inputs, backend }) => backend.adopt(backend.native.geluGrad(h(backend, inputs, 'dy', K.geluGrad), h(backend, inputs, 'x', K.geluGrad)))),
  kernel(K.linear, ({ inputs, backend }) => {
    const bias = inputs.bias ? backend.handle(inputs.bias) : null;
    return backend.adopt(backend.native.linear(h(backend, inputs, 'x', K.linear), h(backend, inputs, 'weight', K.linear), bias));
  }),
  kernel(K.attnProbs, ({ inputs, attrs, backend }) => {
    const { scale, scaleQ } = attrs as unknown as AttnAttrs;
    const opt = (k: string) => (inputs[k] ? backend.handle(inputs[k]) : null);
    return backend.adopt(backend.native.attnProbs(h(backend, inputs, 'q', K.attnProbs), h(backend, inputs, 'k', K.attnProbs), opt('bias'), opt('mask'), scale, scaleQ));
  }),
  kernel(K.attnProbsGrad, ({ inputs, attrs, backend }) => {
    const n = (k: string) => h(backend, inputs, k, K.attnProbsGrad);
    return backend.native.attnProbsGrad(n('dy'), n('probs'), n('q'), n('k'), (attrs as unknown as AttnAttrs).scale).map((r) => backend.adopt(r));
  }),
  kernel(K.adamStep, ({ inputs, attrs, backend }) => {
    const { scalars, decoupled } = attrs as unknown as { scalars: number[]; decoupled: boolean };
    const n = Object.keys(inputs).length / 4;
    const list = (c: string) => Array.from({ length: n }, (_, i) => backend.handle(input(inputs, `${c}${i}`, K.adamStep)));
    return backend.native.adamStep(list('p'), list('g'), list('m'), list('v'), scalars, decoupled).flatMap((r) => r.map((x) => backend.adopt(x)));
  }),
];
