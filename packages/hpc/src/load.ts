import { readFile } from 'node:fs/promises';
import type { JobSpec } from './jobspec.js';
import { shapeProblems } from './validate-shape.js';
import { JobSpecError } from './problem.js';

/** Largest JobSpec file read (a job description is a few hundred bytes). */
export const MAX_JOB_SPEC_BYTES = 1 << 20;

/**
 * Reads a JobSpec JSON file. Throws an Error naming the file (and the JSON error position) when it
 * cannot be read or parsed, and a {@link JobSpecError} naming the file and every field with a
 * wrong type or name. Profile-specific checks are left to {@link validate}.
 */
export async function loadJobSpec(path: string): Promise<JobSpec> {
  return checkShape(await loadJobSpecJson(path), path);
}

/**
 * Reads and parses a JobSpec JSON file without checking its fields (for {@link validate}, which
 * reports every problem). Throws an Error naming the file when it is unreadable or not JSON.
 */
export async function loadJobSpecJson(path: string): Promise<unknown> {
  let text: string;
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_JOB_SPEC_BYTES) throw new Error(`larger than ${MAX_JOB_SPEC_BYTES} bytes`);
    text = buf.toString('utf8');
  } catch (e) {
    throw new Error(`${path}: cannot read job spec: ${(e as Error).message}`);
  }
  return parseJson(text, path);
}

/** Parses JobSpec JSON text; `source` names it in errors (see {@link loadJobSpec}). */
export function parseJobSpec(text: string, source = 'job spec'): JobSpec {
  return checkShape(parseJson(text, source), source);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${source}: not valid JSON: ${(e as Error).message}`);
  }
}

function checkShape(value: unknown, source: string): JobSpec {
  const problems = shapeProblems(value).filter((p) => p.severity === 'error');
  if (problems.length) throw new JobSpecError(problems, source);
  return value as JobSpec;
}
