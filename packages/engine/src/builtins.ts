import { registerBackendCandidate } from './registry.js';
import { registerKernelFix, applyGradientFix } from './kernel-fixes.js';
import { nativeCandidate } from './backends/native.js';
import { wasmCandidate } from './backends/wasm.js';
import { cpuCandidate } from './backends/cpu.js';
import { registerChainedOps } from './chained-ops.js';
import { KERNEL_FIXES, GRADIENT_FIXES } from './kernels/index.js';

let done = false;

/**
 * Registers the built-in backend candidates (tfjs-node-gpu 400, tfjs-node 300, wasm 200, cpu 100),
 * our kernel fixes, the gradients tfjs-core lacks and
 * the chained tensor methods (`x.square()`) some tfjs gradients rely on. Idempotent; `src/index.ts` calls it once.
 */
export function registerBuiltins(): void {
  if (done) return;
  done = true;
  registerBackendCandidate(nativeCandidate('@tensorflow/tfjs-node-gpu', 400));
  registerBackendCandidate(nativeCandidate('@tensorflow/tfjs-node', 300));
  registerBackendCandidate(wasmCandidate);
  registerBackendCandidate(cpuCandidate);
  for (const fix of KERNEL_FIXES) registerKernelFix(fix);
  for (const fix of GRADIENT_FIXES) applyGradientFix(fix);
  registerChainedOps();
}
