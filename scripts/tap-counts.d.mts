/** Counts of one node:test TAP stream; skipped suites count as skipped (see tap-counts.mjs). */
export function countTap(tap: string): {
  tests: number; pass: number; fail: number; skipped: number; skippedSuites: string[]; skipReasons: Record<string, number>;
};
