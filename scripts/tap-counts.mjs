// Reads the counts out of node:test's TAP output (scripts/run-tests.mjs). Node 20 reports a skipped
// `describe` as "# skipped 0" (its tests never run), so skipped suites are found in the TAP itself
// (`ok N - name # SKIP …` whose YAML block says `type: 'suite'`) and counted as skipped too.

/**
 * @param {string} tap the whole TAP stream of one `node --test` run
 * @returns {{ tests: number, pass: number, fail: number, skipped: number, skippedSuites: string[], skipReasons: Record<string, number> }}
 */
export function countTap(tap) {
  const counts = { tests: 0, pass: 0, fail: 0, skipped: 0, cancelled: 0, todo: 0 };
  const skippedSuites = [];
  const skipReasons = {};
  const lines = tap.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const total = /^# (tests|pass|fail|skipped|cancelled|todo) (\d+)\s*$/.exec(line);
    if (total) { counts[total[1]] = Number(total[2]); continue; }
    const skip = /^\s*ok \d+ - (.*?) # SKIP\s*(.*)$/.exec(line);
    if (!skip) continue;
    const reason = skip[2].trim() || '(no reason given)';
    skipReasons[reason] = (skipReasons[reason] ?? 0) + 1;
    // The YAML block right after the line: `---`, fields, `...`.
    for (let j = i + 1; j < lines.length && j < i + 8; j++) {
      if (/^\s*\.\.\.\s*$/.test(lines[j])) break;
      if (/^\s*type: 'suite'\s*$/.test(lines[j])) { skippedSuites.push(skip[1]); break; }
    }
  }
  return {
    tests: counts.tests + skippedSuites.length,
    pass: counts.pass,
    fail: counts.fail + counts.cancelled,
    skipped: counts.skipped + counts.todo + skippedSuites.length,
    skippedSuites,
    skipReasons,
  };
}
