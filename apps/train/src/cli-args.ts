/**
 * The CLI's option-value parsers: commander `argParser` functions for integers and numbers whose errors
 * name the flag, the allowed range and the value given (`--batch-size must be an integer >= 1, got 'x'`).
 * Every command parses its numeric flags with these.
 */
import { InvalidArgumentError } from 'commander';

/** The allowed range of {@link intArg} / {@link numberArg} (inclusive bounds unless `above` is used). */
export interface ArgRange {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Exclusive lower bound (`numberArg` only): the value must be greater than this. */
  above?: number;
}

/** No bounds. */
export const DEFAULT_ARG_RANGE: ArgRange = {};

/** The words for a range: `>= 1`, `> 0`, `<= 9`, `from 0 to 9`, or '' when unbounded. */
export function describeRange(r: ArgRange): string {
  const lo = r.above !== undefined ? `> ${r.above}` : r.min !== undefined ? `>= ${r.min}` : '';
  if (r.max === undefined) return lo;
  if (r.min !== undefined && r.above === undefined) return `from ${r.min} to ${r.max}`;
  return lo ? `${lo} and <= ${r.max}` : `<= ${r.max}`;
}

function inRange(x: number, r: ArgRange): boolean {
  return (r.min === undefined || x >= r.min) && (r.max === undefined || x <= r.max) && (r.above === undefined || x > r.above);
}

function failure(flag: string, kind: string, r: ArgRange, v: string): InvalidArgumentError {
  const range = describeRange(r);
  return new InvalidArgumentError(`${flag} must be ${kind}${range ? ` ${range}` : ''}, got '${v}'`);
}

/**
 * A parser of a decimal integer flag value in `range` (a safe integer; no fractions, exponents or
 * blanks). Throws commander's `InvalidArgumentError` naming `flag`, the range and the value.
 */
export function intArg(flag: string, range: ArgRange = DEFAULT_ARG_RANGE): (v: string) => number {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\s*[-+]?\d+\s*$/.test(v) || !Number.isSafeInteger(n) || !inRange(n, range)) throw failure(flag, 'an integer', range, v);
    return n;
  };
}

/**
 * A parser of a finite number flag value in `range` (`1e-4`, `-0.5`, `3`). Throws commander's
 * `InvalidArgumentError` naming `flag`, the range and the value.
 */
export function numberArg(flag: string, range: ArgRange = DEFAULT_ARG_RANGE): (v: string) => number {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || !inRange(n, range)) throw failure(flag, 'a number', range, v);
    return n;
  };
}

/** A parser of a comma-separated list of finite numbers (`0.5,0.25`), all in `range`. */
export function numberListArg(flag: string, range: ArgRange = DEFAULT_ARG_RANGE): (v: string) => number[] {
  const one = numberArg(flag, range);
  return (v: string): number[] => {
    try { return v.split(',').map((s) => one(s)); } catch { throw failure(flag, 'a comma-separated list of numbers', range, v); }
  };
}
