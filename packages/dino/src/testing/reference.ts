import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNpy, readStateDict, toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { requirePart } from '@weatherlearn/test-parts/require-part';

/** The repository root (`packages/dino/src/testing` → four levels up). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** `../shared` next to the repository root (absent on most machines: tests skip). */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

/** The DINO and HIPT reference folders. */
export const DINO_REF = path.join(SHARED_DIR, 'reference', 'dino');
export const HIPT_REF = path.join(SHARED_DIR, 'reference', 'hipt');

/** `false` when `dir` exists, else the skip message for node:test. */
export function skipUnless(dir: string): false | string {
  return requirePart('shared', !existsSync(dir) && `needs ${path.relative(process.cwd(), dir)} (../shared reference files)`);
}

/** Reads a `.npy` from a reference folder. */
export function npy(dir: string, name: string): Tensor {
  return readNpy(readFileSync(path.join(dir, name)), name);
}

/** Reads a `.pt` state dict from a reference folder. */
export function stateDict(dir: string, name: string): Record<string, Tensor> {
  return readStateDict(readFileSync(path.join(dir, name)), name);
}

/** Max |a − b| over two equally long arrays (throws on a length mismatch). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Max |x|. */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** The README's forward tolerance: `1e-4·max(1, max|ref|)`. */
export function forwardTol(ref: Tensor): number {
  return 1e-4 * Math.max(1, maxAbs(toFloat32(ref)));
}

/** Slices `t[i]` along the first axis. */
export function index0(t: Tensor, i: number): Tensor {
  const inner = t.shape.slice(1).reduce((a, b) => a * b, 1);
  const d = toFloat32(t);
  return { dtype: 'float32', shape: t.shape.slice(1), data: d.slice(i * inner, (i + 1) * inner) };
}
