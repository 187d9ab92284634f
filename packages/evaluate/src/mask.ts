/**
 * Which cells of a gridded frame hold a measurement. The rule lives here and only here, so it is
 * easy to change: a cell is OBSERVED when the frame has a channel named `coverage` (or, failing
 * that, `count`, then `occupancy` — the polar CONVMAP grids' soft radar coverage) and its value there
 * is > 0; without such a channel, a cell is observed when any
 * channel is non-zero (and finite) there — the fallback is reported in the scorecard metadata.
 */

/** How the observed cells of a dataset are decided. */
export interface MaskRule {
  /** `channel`: the value of `channel` > 0; `any-nonzero`: some channel ≠ 0. */
  kind: 'channel' | 'any-nonzero';
  /** Index of the coverage channel (kind `channel`). */
  channel?: number;
  /** Human-readable description for scorecard metadata. */
  description: string;
}

/** Channel names that carry coverage, in order of preference. */
export const COVERAGE_CHANNELS = ['coverage', 'count', 'occupancy'] as const;

/** The mask rule for a dataset with these channel names (see the module comment). */
export function maskRuleFor(channels: readonly string[]): MaskRule {
  for (const name of COVERAGE_CHANNELS) {
    const k = channels.indexOf(name);
    if (k >= 0) return { kind: 'channel', channel: k, description: `observed where channel "${name}" > 0` };
  }
  return { kind: 'any-nonzero', description: `no coverage/count channel in [${channels.join(', ')}]: observed where any channel is non-zero (fallback)` };
}

/**
 * The observed-cell mask (1 = observed) of one raw (physical-unit, not normalised) frame laid out
 * `(C, H·W)` in C order. Non-finite values never count as observations.
 */
export function observedMask(frame: ArrayLike<number>, C: number, rule: MaskRule, out?: Uint8Array): Uint8Array {
  const per = frame.length / C;
  if (!Number.isInteger(per)) throw new Error(`observedMask: a frame of ${frame.length} values does not split into ${C} channels`);
  const m = out ?? new Uint8Array(per);
  if (m.length !== per) throw new Error(`observedMask: mask of ${m.length} cells for frames of ${per}`);
  if (rule.kind === 'channel') {
    const base = rule.channel! * per;
    for (let i = 0; i < per; i++) { const v = frame[base + i]!; m[i] = v > 0 && Number.isFinite(v) ? 1 : 0; }
    return m;
  }
  m.fill(0);
  for (let c = 0; c < C; c++) {
    const base = c * per;
    for (let i = 0; i < per; i++) { const v = frame[base + i]!; if (v !== 0 && Number.isFinite(v)) m[i] = 1; }
  }
  return m;
}
