import { join } from 'node:path';
import { writeFileAtomic } from '@weatherlearn/fs-atomic';

/** One input a multi-file command did not use, and why (read error, wrong format, no data). */
export interface SkippedInput {
  /** The file (path, S3 key or name given). */
  file: string;
  /** Why it was skipped, in words a user can act on. */
  reason: string;
}

/** Contents of `skipped.json` (written by every multi-file command into its output). */
export interface SkippedReport {
  format: 'weatherlearn-skipped';
  version: 1;
  /** The command that skipped them, e.g. `superdarn grid`. */
  command: string;
  /** Inputs looked at (used + skipped). */
  inputs: number;
  skipped: SkippedInput[];
}

/** The name of the report inside an output folder. */
export const SKIPPED_FILE_NAME = 'skipped.json';

/**
 * Writes the skipped-input report atomically to `path` (a `.json` file) or, when `path` is a folder
 * (no `.json` ending), to `path/skipped.json`. Written even when nothing was skipped, so a stale
 * report of an earlier run never survives. Returns the path written.
 */
export async function writeSkippedReport(path: string, command: string, inputs: number, skipped: readonly SkippedInput[]): Promise<string> {
  const file = /\.json$/i.test(path) ? path : join(path, SKIPPED_FILE_NAME);
  const report: SkippedReport = { format: 'weatherlearn-skipped', version: 1, command, inputs, skipped: [...skipped] };
  await writeFileAtomic(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}

/**
 * Summary lines for a console: `skipped N of M inputs:` then one `  file: reason` line each (at most
 * `max`, then `  … and K more (see skipped.json)`). Empty when nothing was skipped.
 */
export function formatSkipped(skipped: readonly SkippedInput[], inputs: number, max = 20): string[] {
  if (skipped.length === 0) return [];
  const lines = [`skipped ${skipped.length} of ${inputs} input${inputs === 1 ? '' : 's'}:`];
  for (const s of skipped.slice(0, max)) lines.push(`  ${s.file}: ${s.reason}`);
  if (skipped.length > max) lines.push(`  … and ${skipped.length - max} more (see ${SKIPPED_FILE_NAME})`);
  return lines;
}

/**
 * Raised by a multi-file step when no input is usable; carries the skipped list so the caller can
 * still write `skipped.json` before failing.
 */
export class NoUsableInputError extends Error {
  constructor(message: string, readonly skipped: readonly SkippedInput[], readonly inputs: number) {
    super(`${message}${skipped.length ? `\n${formatSkipped(skipped, inputs, 10).join('\n')}` : ''}`);
    this.name = 'NoUsableInputError';
  }
}
