/**
 * Strict skips: a test that needs a part of the machine (SLURM, radosgw, Chromium, the libtorch or
 * c10d addon, Python interop, `../shared`, …) skips with a clear message on a developer's machine,
 * but under `CI=true` a missing part FAILS the run, unless `.ci/known-missing.json` lists it with a
 * reason. Use it as the `skip` option of node:test:
 *
 *   test('…', { skip: requirePart('slurm', slurmSkipReason()) }, async () => { … });
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The parts of the machine that tests may need (the names used in `.ci/known-missing.json`). */
export const PARTS = ['shared', 'slurm', 'qsub', 'radosgw', 'chromium', 'libtorch', 'c10d', 'python-torch',
  'python-numpy', 'python-netcdf4', 'python-h5py', 'bzip2'] as const;
/** One part of the machine a test needs. */
export type Part = (typeof PARTS)[number];

/** One entry of the known-exceptions file: a part CI may lack, and why. */
export interface KnownMissing { part: Part; reason: string }

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The known-exceptions file: parts CI is allowed to lack (expected to be an empty list). */
export const KNOWN_MISSING_FILE = join(ROOT, '.ci', 'known-missing.json');

/** Reads and validates the known-exceptions file (a missing file is an empty list). */
export function readKnownMissing(file = KNOWN_MISSING_FILE): KnownMissing[] {
  if (!existsSync(file)) return [];
  let list: unknown;
  try { list = JSON.parse(readFileSync(file, 'utf8')); } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(list)) throw new Error(`${file}: expected a JSON array of { "part", "reason" }`);
  return list.map((e, i) => {
    const { part, reason } = (e ?? {}) as Record<string, unknown>;
    if (!PARTS.includes(part as Part)) throw new Error(`${file}[${i}].part: "${String(part)}" is not one of ${PARTS.join(', ')}`);
    if (typeof reason !== 'string' || !reason.trim()) throw new Error(`${file}[${i}].reason: give the reason "${String(part)}" may be missing`);
    return { part: part as Part, reason };
  });
}

/** Whether this run is CI (strict): `CI=true` in the environment. */
export function isStrict(env: Record<string, string | undefined> = process.env): boolean {
  return env.CI === 'true';
}

/**
 * What a strict run does about a missing part: `undefined` when it may skip (not CI, or a known
 * exception), else the failure message naming the part. Exposed for tests of this helper.
 */
export function strictFailure(part: Part, reason: string, strict = isStrict(), known = readKnownMissing()): string | undefined {
  if (!strict || known.some((k) => k.part === part)) return undefined;
  return `missing part "${part}" under CI=true: ${reason} (install it, or list it in .ci/known-missing.json with a reason)`;
}

const registered = new Set<string>();

/**
 * The node:test `skip` value for a test needing `part`: `false` when `missing` is falsy (the part
 * is there), else the skip message. Under `CI=true`, a missing part that is not a known exception
 * also registers one failing test (per part and file) whose message names the part and the reason.
 */
export function requirePart(part: Part, missing: string | false | undefined | null): string | false {
  if (!missing) return false;
  const message = `needs ${part}: ${missing}`;
  const failure = strictFailure(part, missing);
  if (failure && !registered.has(part)) {
    registered.add(part);
    test(`required part "${part}" is available`, () => assert.fail(failure));
  }
  return message;
}
