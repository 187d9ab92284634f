/** Emits at most one warning per key: a failing service warns once, not once per step. */
export class WarnOnce {
  private readonly seen = new Set<string>();
  constructor(private readonly sink: (line: string) => void) {}
  /** Warns with `line` unless `key` was already used; returns whether it warned. */
  warn(key: string, line: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    try { this.sink(line); } catch { /* a broken sink must not stop training */ }
    return true;
  }
}

/** Default warning sink: stderr. */
export function defaultWarn(line: string): void {
  process.stderr.write(`${line}\n`);
}
