/** One thing wrong (or risky) in a JobSpec. */
export interface Problem {
  /** `error`: the script would be wrong or rejected; `warning`: legal but probably unintended. */
  severity: 'error' | 'warning';
  /** The JobSpec field (dotted path, e.g. `container.binds[1]`). */
  field: string;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  hint: string;
}

/** Thrown by the renderers when a spec has errors; `problems` lists every one. */
export class JobSpecError extends Error {
  constructor(readonly problems: Problem[], source = 'job spec') {
    super(`${source}: ${problems.filter((p) => p.severity === 'error').length} error(s)\n${formatProblems(problems)}`);
    this.name = 'JobSpecError';
  }
}

/** One line per problem: `error  walltime: … (hint: …)`. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.severity.padEnd(7)} ${p.field}: ${p.message} (hint: ${p.hint})`).join('\n');
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest of `names` to `word`, when it is close enough to be a typo. */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(word.toLowerCase(), n.toLowerCase());
    if (d < bestD) { best = n; bestD = d; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
