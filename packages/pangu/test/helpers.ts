import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNpy, toFloat32 } from '@weatherlearn/tensor-io';
import { tf } from '@weatherlearn/engine';
import { requirePart } from '@weatherlearn/test-parts/require-part';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (two levels above packages/pangu). */
export const repoRoot = path.resolve(here, '..', '..', '..');
/** ../shared/reference/pangu — the PyTorch reference vectors. */
export const refDir = path.resolve(repoRoot, '..', 'shared', 'reference', 'pangu');
/** Skip reason for tests that need the reference folder, or false. */
export const needsRef: string | false = requirePart('shared', !existsSync(path.join(refDir, 'config.json')) && 'needs ../shared/reference/pangu');

/** Reads `<refDir>/<name>.npy` as a float32 tf tensor. */
export function refTensor(name: string): tf.Tensor {
  const t = readNpy(readFileSync(path.join(refDir, `${name}.npy`)), `${name}.npy`);
  return tf.tensor(toFloat32(t), t.shape, 'float32');
}

/** The reference config.json. */
export function refConfig(): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(refDir, 'config.json'), 'utf8')) as Record<string, unknown>;
}

/** Max |a − b| and the tolerance 1e-4·max(1, max|b|). */
export function compare(actual: tf.Tensor, expected: tf.Tensor): { maxErr: number; tol: number } {
  if (actual.shape.join() !== expected.shape.join()) throw new Error(`shape [${actual.shape}] differs from expected [${expected.shape}]`);
  const a = actual.dataSync(), b = expected.dataSync();
  let maxErr = 0, scale = 1;
  for (let i = 0; i < a.length; i++) {
    maxErr = Math.max(maxErr, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  if (Number.isNaN(maxErr) || a.some(Number.isNaN)) maxErr = Infinity;
  return { maxErr, tol: 1e-4 * scale };
}
