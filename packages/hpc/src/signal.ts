/**
 * The pre-timeout checkpoint flow, as script lines. The batch shell traps SIGUSR1 (sent by SLURM
 * `--signal=B:USR1@N`, or by a watchdog timer on PBS), forwards it to the launched ranks so the
 * trainer writes a checkpoint, waits for them to exit and then, when asked to, requeues the job.
 */

/** Lines installed first thing in the script, so an early signal is never lost. */
export function trapLines(): string[] {
  return [
    'WL_SIGNALLED=0',
    'WL_CHILD=',
    'wl_on_usr1() {',
    '  WL_SIGNALLED=1',
    '  echo "weatherlearn-hpc: SIGUSR1 before the time limit; asking the ranks to checkpoint" >&2',
    '  if [ -n "$WL_CHILD" ]; then kill -USR1 "$WL_CHILD" 2>/dev/null || true; fi',
    '}',
    'trap wl_on_usr1 USR1',
  ];
}

/** PBS has no `--signal`: a background timer sends SIGUSR1 to this shell `seconds` from now. */
export function watchdogLines(seconds: number): string[] {
  return [
    `( trap 'kill "$wl_sleep" 2>/dev/null; exit 0' TERM; sleep ${seconds} & wl_sleep=$!; wait "$wl_sleep" && kill -USR1 $$ ) &`,
    'WL_TIMER=$!',
  ];
}

/**
 * Runs `launch` (one line of quoted words) in the background and waits for it, surviving the
 * interruptions of `wait` by the trap; afterwards optionally requeues and exits with its status.
 */
export function runLines(launch: string, requeue: string[], hasTimer: boolean): string[] {
  return [
    `${launch} &`,
    'WL_CHILD=$!',
    'if [ "$WL_SIGNALLED" = 1 ]; then kill -USR1 "$WL_CHILD" 2>/dev/null || true; fi',
    'while :; do',
    '  set +e; wait "$WL_CHILD"; WL_STATUS=$?; set -e',
    '  kill -0 "$WL_CHILD" 2>/dev/null || break',
    'done',
    ...(hasTimer ? ['kill "$WL_TIMER" 2>/dev/null || true'] : []),
    ...(requeue.length ? ['if [ "$WL_SIGNALLED" = 1 ]; then', ...requeue.map((l) => `  ${l}`), 'fi'] : []),
    'exit "$WL_STATUS"',
  ];
}
