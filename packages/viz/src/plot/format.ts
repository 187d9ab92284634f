/** `YYYY-MM-DD HH:MM:SS` (UTC) of a date. */
export function utcString(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** `HH:MM` (UTC) of a time in ms since the epoch. */
export function hhmm(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}
