/** A parsed job-array specification. */
export interface ArraySpec {
  /** Every task index, ascending. */
  indices: number[];
  /** Number of tasks. */
  count: number;
  /** Smallest index. */
  min: number;
  /** True for a plain range `a-b` (indices are `min … min+count-1`), so shard = index − min. */
  contiguous: boolean;
  /** Maximum tasks running at once (`%k`), if given. */
  throttle?: number;
}

/** Largest array a spec may describe (keeps parsing bounded). */
export const MAX_ARRAY_TASKS = 100_000;

/**
 * Parses `"0-3"`, `"0-15%4"`, `"1,3,5"` or `"0-9:2"` (SLURM step). Throws an Error naming the
 * problem when the text is malformed, descending, or describes more than {@link MAX_ARRAY_TASKS}.
 */
export function parseArray(text: string): ArraySpec {
  const m = /^([0-9,:-]+)(?:%(\d+))?$/.exec(text);
  if (!m) throw new Error(`array "${text}": expected "A-B", "A-B%K" or "A,B,C"`);
  const found = new Set<number>();
  let contiguous = true;
  const parts = m[1]!.split(',');
  if (parts.length > 1) contiguous = false;
  for (const part of parts) {
    const r = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part);
    if (!r) throw new Error(`array "${text}": bad element "${part}"`);
    const a = Number(r[1]);
    const b = r[2] === undefined ? a : Number(r[2]);
    const step = r[3] === undefined ? 1 : Number(r[3]);
    if (b < a) throw new Error(`array "${text}": range ${a}-${b} is descending`);
    if (step < 1) throw new Error(`array "${text}": step must be at least 1`);
    if (step !== 1) contiguous = false;
    if ((b - a) / step + found.size >= MAX_ARRAY_TASKS) {
      throw new Error(`array "${text}": more than ${MAX_ARRAY_TASKS} tasks`);
    }
    for (let i = a; i <= b; i += step) found.add(i);
  }
  const indices = [...found].sort((x, y) => x - y);
  const out: ArraySpec = { indices, count: indices.length, min: indices[0]!, contiguous };
  if (m[2] !== undefined) {
    const t = Number(m[2]);
    if (t < 1) throw new Error(`array "${text}": throttle %${t} must be at least 1`);
    out.throttle = t;
  }
  return out;
}
