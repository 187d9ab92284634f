/**
 * Registry of our kernel and gradient fixes. Fixes are registered (by `src/index.ts`) as data and
 * applied by `initEngine` right after their backend is activated, so they replace the backend's own
 * kernels rather than being overwritten by them.
 */
import { tf } from './tf.js';

/** A kernel we provide for one backend, because the backend lacks it, gets it wrong, or is slow. */
export interface KernelFix {
  kernelName: string;
  backendName: string;
  /** One line for reports: what is wrong with the backend's own kernel. */
  reason: string;
  /** Builds the kernel function; `original` is the backend's own kernel when it has one. */
  create(original: tf.KernelConfig | undefined): tf.KernelFunc;
}

const fixes = new Map<string, KernelFix>();
const applied = new Set<string>();
const originals = new Map<string, tf.KernelConfig>();
const key = (backend: string, kernel: string): string => `${backend}/${kernel}`;

/** Registers a kernel fix (replacing one with the same backend and kernel name). */
export function registerKernelFix(fix: KernelFix): void {
  fixes.set(key(fix.backendName, fix.kernelName), fix);
}

/** The registered fixes, optionally only those for one backend. */
export function getKernelFixes(backendName?: string): KernelFix[] {
  return [...fixes.values()].filter((f) => backendName === undefined || f.backendName === backendName);
}

/**
 * Installs every registered fix for `backendName` that is not installed yet (idempotent) and returns
 * the kernel names now fixed on that backend. The backend must already be registered with tfjs.
 */
export function applyKernelFixes(backendName: string): string[] {
  const names: string[] = [];
  for (const fix of getKernelFixes(backendName)) {
    const k = key(backendName, fix.kernelName);
    names.push(fix.kernelName);
    if (applied.has(k)) continue;
    const original = tf.getKernel(fix.kernelName, backendName);
    if (original) {
      originals.set(k, original);
      tf.unregisterKernel(fix.kernelName, backendName);
    }
    tf.registerKernel({ kernelName: fix.kernelName, backendName, kernelFunc: fix.create(original) });
    applied.add(k);
  }
  return names;
}

/** A gradient we add (tfjs-core has none) or replace (tfjs-core's is wrong). */
export interface GradientFix {
  config: tf.GradConfig;
  /** Replace tfjs-core's gradient; otherwise only fill in a missing one. */
  replace: boolean;
  /** One line for reports. */
  reason: string;
}

/** Installs a gradient fix; returns whether a gradient was registered. */
export function applyGradientFix(fix: GradientFix): boolean {
  if (fix.replace && tf.getGradient(fix.config.kernelName) != null) {
    tf.unregisterGradient(fix.config.kernelName);
  }
  return registerMissingGradient(fix.config);
}

/**
 * Runs `fn` with the backend's own kernel instead of our fix (for benchmarks and bug reports),
 * then restores the fix. Runs `fn` unchanged when the kernel was not replaced.
 */
export async function withOriginalKernel<T>(backendName: string, kernelName: string, fn: () => T | Promise<T>): Promise<T> {
  const original = originals.get(key(backendName, kernelName));
  const ours = tf.getKernel(kernelName, backendName);
  if (!original || !ours) return fn();
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ kernelName, backendName, kernelFunc: original.kernelFunc });
  try {
    return await fn();
  } finally {
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel(ours);
  }
}

/**
 * Registers a gradient for a kernel that tfjs-core has none for (gradients are backend-independent).
 * Does nothing when tfjs already has one, so an upstream fix wins. Returns whether it was registered.
 */
export function registerMissingGradient(config: tf.GradConfig): boolean {
  if (tf.getGradient(config.kernelName) != null) return false;
  tf.registerGradient(config);
  return true;
}
