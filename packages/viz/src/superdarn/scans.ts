import type { FitacfRecord } from '@weatherlearn/tensor-io';

/**
 * Splits FITACF records into scans: a new scan starts at every record whose `scan` flag is 1 (or
 * -1, RST's flag for a scan start in reverse order), per channel when `channel` is given.
 */
export function splitScans(records: readonly FitacfRecord[], channel?: number): FitacfRecord[][] {
  const scans: FitacfRecord[][] = [];
  let cur: FitacfRecord[] = [];
  for (const r of records) {
    if (channel !== undefined && (r.channel ?? 0) !== channel) continue;
    if ((r.scan === 1 || r.scan === -1) && cur.length) { scans.push(cur); cur = []; }
    cur.push(r);
  }
  if (cur.length) scans.push(cur);
  return scans;
}

/**
 * Angular beam separation (degrees) estimated from the records' `bmazm`/`bmnum` (median over beam
 * pairs), or `fallback` (3.24°, the usual value) when it cannot be estimated.
 */
export function beamSeparation(records: readonly FitacfRecord[], fallback = 3.24): number {
  const byBeam = new Map<number, number>();
  for (const r of records) if (r.bmnum !== undefined && r.bmazm !== undefined) byBeam.set(r.bmnum, r.bmazm);
  const beams = [...byBeam.keys()].sort((a, b) => a - b);
  const seps: number[] = [];
  for (let i = 1; i < beams.length; i++) {
    const d = (byBeam.get(beams[i]!)! - byBeam.get(beams[i - 1]!)!) / (beams[i]! - beams[i - 1]!);
    if (Number.isFinite(d) && d !== 0) seps.push(Math.abs(d));
  }
  if (!seps.length) return fallback;
  seps.sort((a, b) => a - b);
  return seps[Math.floor(seps.length / 2)]!;
}
