/** How samples are split by time. */
export interface TimeSplitConfig {
  /** Fractions of train/val/test (normalised to sum 1). */
  train: number;
  val: number;
  test: number;
  /**
   * Length of the time blocks that are assigned whole to one split (minutes; default one day).
   * Blocks are assigned in a repeating train…val…test pattern so every season reaches every split.
   */
  blockMinutes: number;
}

/** 80/10/10 by whole days. */
export const DEFAULT_TIME_SPLIT: TimeSplitConfig = { train: 0.8, val: 0.1, test: 0.1, blockMinutes: 1440 };

/** Split a sample belongs to. */
export type SplitName = 'train' | 'val' | 'test';

/** Split of the block containing time `t` (epoch ms): block k → position k mod 10 in a train/val/test pattern of 10 slots (20 when a fraction needs it). */
export function splitOfTime(t: number, c: TimeSplitConfig = DEFAULT_TIME_SPLIT): SplitName {
  const total = c.train + c.val + c.test;
  if (!(total > 0) || c.train < 0 || c.val < 0 || c.test < 0) throw new Error(`invalid split fractions ${c.train}/${c.val}/${c.test}`);
  if (!(c.blockMinutes > 0)) throw new Error(`invalid split blockMinutes ${c.blockMinutes}`);
  const slots = 20;
  const nTrain = Math.round((c.train / total) * slots);
  const nVal = Math.round((c.val / total) * slots);
  const block = Math.floor(t / (c.blockMinutes * 60_000));
  const pos = ((block % slots) + slots) % slots;
  return pos < nTrain ? 'train' : pos < nTrain + nVal ? 'val' : 'test';
}

/**
 * Assigns samples spanning [inputStart, targetEnd) to splits by time, with no leakage: a sample
 * belongs to the split of the block holding its input start, and is DROPPED when any part of
 * its span (input or target) falls in a block of another split. Returns sample indices per split
 * (ascending) and how many were dropped at boundaries.
 */
export function splitByTime(
  spans: readonly { start: number; end: number }[], c: TimeSplitConfig = DEFAULT_TIME_SPLIT,
): { train: number[]; val: number[]; test: number[]; dropped: number } {
  const out = { train: [] as number[], val: [] as number[], test: [] as number[], dropped: 0 };
  const blockMs = c.blockMinutes * 60_000;
  spans.forEach((s, i) => {
    const sp = splitOfTime(s.start, c);
    // Every block the span touches must have the same split.
    for (let b = Math.floor(s.start / blockMs) + 1; b * blockMs < s.end; b++) {
      if (splitOfTime(b * blockMs, c) !== sp) { out.dropped++; return; }
    }
    out[sp].push(i);
  });
  return out;
}
