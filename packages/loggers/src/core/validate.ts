import type { StepMetrics } from './types.js';

/** Throws a clear error unless `step` is a non-negative safe integer. */
export function checkStep(step: number, where: string): void {
  if (!Number.isSafeInteger(step) || step < 0) {
    throw new TypeError(`${where}: step must be a non-negative integer, got ${String(step)}`);
  }
}

/** Throws a clear error unless every metric is a number (NaN/Infinity allowed). */
export function checkMetrics(metrics: StepMetrics, where: string): void {
  if (metrics === null || typeof metrics !== 'object') throw new TypeError(`${where}: metrics must be an object`);
  for (const [k, v] of Object.entries(metrics)) {
    if (typeof v !== 'number') throw new TypeError(`${where}: metric "${k}" must be a number, got ${typeof v}`);
  }
}

/** JSON with non-finite numbers written as the strings "NaN", "Infinity", "-Infinity". */
export function toJsonSafe(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v === 'bigint' ? v.toString() : v);
}
