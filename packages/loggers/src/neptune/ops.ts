import type { NeptuneOperation } from './api.js';

/** An `assign*` operation for one value (numbers → float/int, booleans, anything else → string). */
export function assignOp(path: string, v: unknown): NeptuneOperation | null {
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isInteger(v) ? { path, assignInt: { value: v } } : { path, assignFloat: { value: v } }) : null;
  if (typeof v === 'boolean') return { path, assignBool: { value: v } };
  if (typeof v === 'string') return { path, assignString: { value: v } };
  if (v === undefined || v === null) return null;
  return { path, assignString: { value: JSON.stringify(v) } };
}

/** `assign*` operations for a (nested) object under `prefix/`; nested keys join with `/`. */
export function assignOps(prefix: string, obj: Record<string, unknown>): NeptuneOperation[] {
  const out: NeptuneOperation[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const path = `${prefix}/${k}`;
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...assignOps(path, v as Record<string, unknown>));
    else { const op = assignOp(path, v); if (op) out.push(op); }
  }
  return out;
}

/** `logFloats` operations for one step (non-finite values are skipped: Neptune rejects them). */
export function metricOps(metrics: Record<string, number>, step: number, timeMs: number): NeptuneOperation[] {
  return Object.entries(metrics).filter(([, v]) => Number.isFinite(v)).map(([k, v]) => ({
    path: `metrics/${k}`, logFloats: { entries: [{ value: v, step, timestampMilliseconds: timeMs }] },
  }));
}
