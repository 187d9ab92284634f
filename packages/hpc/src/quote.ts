/** Characters that never need quoting in a POSIX shell word. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes `value` as one POSIX shell word: plain words stay as they are, anything else is wrapped
 * in single quotes (a single quote inside becomes `'\''`). The result never expands.
 */
export function shellQuote(value: string): string {
  if (value !== '' && PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Characters allowed in a scheduler directive value (`#SBATCH`/`#PBS` lines are not shell). */
const DIRECTIVE_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * True when `value` can be written unquoted into a `#SBATCH`/`#PBS` line: sbatch and qsub split
 * those lines themselves, so spaces, quotes, `#`, `$` and control characters are refused.
 */
export function isDirectiveSafe(value: string): boolean {
  return DIRECTIVE_SAFE.test(value);
}

/** Control characters (including newline) that must never reach a script. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
